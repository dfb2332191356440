package org.sparkrnnlm.core.lm;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sparkrnnlm.core.rnn.Activation;
import org.sparkrnnlm.core.rnn.RecurrentLayer;
import org.sparkrnnlm.core.rnn.TruncatedBptt;
import org.sparkrnnlm.core.tensor.Dtype;
import org.sparkrnnlm.core.tensor.NdBuffers;
import org.sparkrnnlm.core.tensor.Parameters;
import org.sparkrnnlm.core.train.ExampleGradient;

/**
 * The per-sentence math of the language model: loss, and the truncated-BPTT gradient added into a
 * target with a scale. With the model's own parameters as target and scale {@code -lr} this is the
 * tutorial's SGD step, done in place; with a zeroed target and scale 1 it sums gradients.
 *
 * <p>For T steps, with S the T x H states (row t is s_t): {@code O = S V^T} (one GEMM, row t is
 * {@code V s_t}), softmax per row, {@code dO = P - Y}, {@code dS = dO V} (one GEMM, read before V
 * changes), {@code V += scale dO^T S} (one GEMM into V itself), then the hidden-size BPTT in plain
 * Java. Holds reused buffers: one instance per thread.
 */
public final class LanguageModelGradient implements ExampleGradient<int[]> {
    private final int vocabularySize;
    private final int hiddenSize;
    private final int truncate;
    private final RecurrentLayer layer;
    private final TruncatedBptt bptt;
    private final SoftmaxCrossEntropy output;
    private final Dtype dtype;
    private INDArray logits;
    private INDArray states;
    private INDArray stateGrads;
    private int capacity;
    private final LanguageModelSpec spec;
    private LanguageModelBatch batchMath;

    public LanguageModelGradient(RnnLanguageModel model) {
        this(model.spec());
    }

    public LanguageModelGradient(LanguageModelSpec spec) {
        this.spec = spec;
        this.vocabularySize = spec.vocabularySize();
        this.hiddenSize = spec.hiddenSize();
        this.truncate = spec.bpttTruncate();
        this.dtype = spec.dtype();
        this.layer = new RecurrentLayer(hiddenSize, RnnLanguageModel.ACTIVATION, dtype == Dtype.FLOAT);
        this.bptt = new TruncatedBptt(layer);
        this.output = SoftmaxCrossEntropy.forType(dtype.nd4j(), vocabularySize);
    }

    /** Sum over the sentence's targets of {@code -log o_t[y_t]}; the sentence has {@code ids.length - 1} targets. */
    @Override
    public double loss(int[] ids, Parameters parameters) {
        int steps = forward(ids, parameters);
        return steps == 0 ? 0.0 : output.apply(NdBuffers.firstRows(logits, steps), steps, ids, 1, false);
    }

    /**
     * Adds {@code scale * dL/dtheta} of one sentence into {@code target} (which may be {@code parameters}
     * itself) and returns the sentence's summed {@code -log} loss, computed before the update.
     */
    @Override
    public double accumulate(int[] ids, Parameters parameters, Parameters target, double scale) {
        int steps = forward(ids, parameters);
        if (steps == 0) return 0.0;
        INDArray o = NdBuffers.firstRows(logits, steps);
        INDArray s = NdBuffers.firstRows(states, steps);
        INDArray ds = NdBuffers.firstRows(stateGrads, steps);
        double loss = output.apply(o, steps, ids, 1, true);
        Nd4j.gemm(o, parameters.get(RnnLanguageModel.V), ds, false, false, 1.0, 0.0);
        Nd4j.gemm(o, s, target.get(RnnLanguageModel.V), true, false, scale, 1.0);
        NdBuffers.read(ds, 0, bptt.stateGradients(), 0, steps * hiddenSize);
        bptt.backward(truncate, parameters.get(RnnLanguageModel.W));
        bptt.accumulateRecurrentWeights(target.get(RnnLanguageModel.W), scale);
        scatterInputGradients(ids, target.get(RnnLanguageModel.U), scale, steps);
        return loss;
    }

    /** One output-layer GEMM for the whole batch: see {@link LanguageModelBatch}. */
    @Override
    public double[] accumulateBatch(java.util.List<int[]> batch, Parameters parameters, Parameters target, double scale) {
        if (batchMath == null) batchMath = new LanguageModelBatch(spec);
        return batchMath.accumulate(batch, parameters, target, scale);
    }

    /** Runs the recurrence over x = ids[0..n-2] and the output GEMM; returns T = n - 1. */
    private int forward(int[] ids, Parameters parameters) {
        int steps = ids.length - 1;
        if (steps <= 0) return 0;
        ensureCapacity(steps);
        layer.begin(steps, parameters.get(RnnLanguageModel.W));
        INDArray u = parameters.get(RnnLanguageModel.U);
        double[] inputs = layer.inputs();
        for (int t = 0; t < steps; t++) {
            NdBuffers.read(u, (long) checkWord(ids[t]) * hiddenSize, inputs, t * hiddenSize, hiddenSize);
        }
        checkWord(ids[steps]);
        layer.forward();
        INDArray s = NdBuffers.firstRows(states, steps);
        NdBuffers.write(s, 0, layer.states(), 0, steps * hiddenSize);
        Nd4j.gemm(s, parameters.get(RnnLanguageModel.V), NdBuffers.firstRows(logits, steps), false, true, 1.0, 0.0);
        return steps;
    }

    private int checkWord(int id) {
        if (id < 0 || id >= vocabularySize) {
            throw new IllegalArgumentException("word id " + id + " is outside the vocabulary of " + vocabularySize);
        }
        return id;
    }

    /** U[:, x_t] += scale * dz_t, one column per step: a word's column is contiguous in U's storage. */
    private void scatterInputGradients(int[] ids, INDArray target, double scale, int steps) {
        double[] deltas = bptt.deltas();
        for (int t = 0; t < steps; t++) {
            NdBuffers.addScaled(target, (long) ids[t] * hiddenSize, deltas, t * hiddenSize, hiddenSize, scale);
        }
    }

    private void ensureCapacity(int steps) {
        if (steps <= capacity) return;
        capacity = Math.max(steps, Math.max(64, 2 * capacity));
        logits = Nd4j.create(dtype.nd4j(), capacity, vocabularySize);
        states = Nd4j.create(dtype.nd4j(), capacity, hiddenSize);
        stateGrads = Nd4j.create(dtype.nd4j(), capacity, hiddenSize);
    }
}
