package org.sparkrnnlm.core.regression;

import org.sparkrnnlm.core.rnn.Activation;
import org.sparkrnnlm.core.tensor.Dtype;
import org.sparkrnnlm.core.train.ModelSpec;

/**
 * The regression model's shape and settings: I inputs, H hidden units, K outputs, the hidden
 * nonlinearity, whether there is an output at every step or only after the last, and how far
 * errors flow back ({@link #FULL_BPTT} for the whole sequence).
 */
public record RegressionSpec(int inputSize, int hiddenSize, int outputSize, int bpttTruncate, Activation activation,
                             boolean outputEveryStep, Dtype dtype) implements ModelSpec<Sequence> {

    /** bpttTruncate for full backpropagation through time, as model.json writes it. */
    public static final int FULL_BPTT = -1;

    public RegressionSpec {
        if (inputSize < 1 || hiddenSize < 1 || outputSize < 1) {
            throw new IllegalArgumentException("sizes must be at least 1, got inputs " + inputSize + ", hidden " + hiddenSize
                    + ", outputs " + outputSize);
        }
        if (bpttTruncate < FULL_BPTT) throw new IllegalArgumentException("bptt truncate must be -1 (full) or at least 0, got " + bpttTruncate);
    }

    @Override
    public RegressionGradient newGradient() {
        return new RegressionGradient(this);
    }

    /** Output steps: one, or one per step. */
    @Override
    public int targets(Sequence sequence) {
        return outputEveryStep ? sequence.steps() : 1;
    }

    /** The lag bound TruncatedBptt takes. */
    int lags() {
        return bpttTruncate == FULL_BPTT ? Integer.MAX_VALUE : bpttTruncate;
    }

    /** Why a sequence does not fit this model, or null when it does; a sequence without a target fits for prediction. */
    public String mismatch(Sequence s) {
        if (s.inputSize() != inputSize) return "its steps have " + s.inputSize() + " inputs, the model takes " + inputSize;
        int expected = targets(s) * outputSize;
        if (s.hasTarget() && s.target().length != expected) {
            return "its target has " + s.target().length + " values, the model predicts " + expected
                    + (outputEveryStep ? " (" + outputSize + " at each of " + s.steps() + " steps)" : "");
        }
        return null;
    }
}
