package org.sparkrnnlm.core.lm;

import org.sparkrnnlm.core.rnn.RecurrentLayer;
import org.sparkrnnlm.core.rnn.TruncatedBptt;
import org.sparkrnnlm.core.tensor.NdBuffers;
import org.sparkrnnlm.core.tensor.Parameters;

/**
 * The input and recurrent half of the language model's per-sentence math, which both output
 * layers (full and class-factored) share: {@code s_t = tanh(U[:, x_t] + W s_{t-1})} forward, and
 * given {@code dL/ds_t} from the output, truncated BPTT into W and the used columns of U.
 */
final class SentenceRecurrence {
    private final int vocabularySize;
    private final int hiddenSize;
    private final int truncate;
    private final RecurrentLayer layer;
    private final TruncatedBptt bptt;

    SentenceRecurrence(LanguageModelSpec spec) {
        this.vocabularySize = spec.vocabularySize();
        this.hiddenSize = spec.hiddenSize();
        this.truncate = spec.bpttTruncate();
        this.layer = new RecurrentLayer(hiddenSize, RnnLanguageModel.ACTIVATION, spec.dtype() == org.sparkrnnlm.core.tensor.Dtype.FLOAT);
        this.bptt = new TruncatedBptt(layer);
    }

    /** Runs the recurrence over x = ids[0..n-2], checking every id; returns T = n - 1 (0: nothing to do). */
    int forward(int[] ids, Parameters parameters) {
        int steps = ids.length - 1;
        if (steps <= 0) return 0;
        layer.begin(steps, parameters.get(RnnLanguageModel.W));
        double[] inputs = layer.inputs();
        for (int t = 0; t < steps; t++) {
            NdBuffers.read(parameters.get(RnnLanguageModel.U), (long) checkWord(ids[t]) * hiddenSize, inputs, t * hiddenSize, hiddenSize);
        }
        checkWord(ids[steps]);
        layer.forward();
        return steps;
    }

    /**
     * Puts back for {@link #backward} the states {@link #forward} gave this sentence, as stored from
     * {@code offset} in {@code states} (exactly: they are rounded to the model's dtype already).
     */
    int restore(int[] ids, Parameters parameters, org.nd4j.linalg.api.ndarray.INDArray states, long offset) {
        int steps = ids.length - 1;
        if (steps <= 0) return 0;
        layer.begin(steps, parameters.get(RnnLanguageModel.W));
        NdBuffers.read(states, offset, layer.states(), 0, steps * hiddenSize);
        return steps;
    }

    private int checkWord(int id) {
        if (id < 0 || id >= vocabularySize) {
            throw new IllegalArgumentException("word id " + id + " is outside the vocabulary of " + vocabularySize);
        }
        return id;
    }

    /** Row t holds s_t after {@link #forward}. */
    double[] states() {
        return layer.states();
    }

    /** The buffer the output layer fills with dL/ds_t at row t, zeroed. */
    double[] stateGradients() {
        return bptt.stateGradients();
    }

    /** With {@link #stateGradients} filled: W and U's gradients times scale into target (the carries use W as {@link #forward} read it). */
    void backward(int[] ids, Parameters parameters, Parameters target, double scale, int steps) {
        bptt.backward(truncate);
        bptt.accumulateRecurrentWeights(target.get(RnnLanguageModel.W), scale);
        // U[:, x_t] += scale * dz_t, one column per step: a word's column is contiguous in U's storage.
        double[] deltas = bptt.deltas();
        for (int t = 0; t < steps; t++) {
            NdBuffers.addScaled(target.get(RnnLanguageModel.U), (long) ids[t] * hiddenSize, deltas, t * hiddenSize, hiddenSize, scale);
        }
    }
}
