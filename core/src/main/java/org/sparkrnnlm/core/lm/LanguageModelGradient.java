package org.sparkrnnlm.core.lm;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sparkrnnlm.core.optim.GradientProducts;
import org.sparkrnnlm.core.tensor.Dtype;
import org.sparkrnnlm.core.tensor.NdBuffers;
import org.sparkrnnlm.core.tensor.Parameters;
import org.sparkrnnlm.core.train.ExampleGradient;

/**
 * The per-sentence math of the language model with the full softmax: loss, and the truncated-BPTT
 * gradient added into a target with a scale. With the model's own parameters as target and scale
 * {@code -lr} this is the tutorial's SGD step, done in place; with a zeroed target and scale 1 it
 * sums gradients.
 *
 * <p>For T steps, with S the T x H states (row t is s_t): {@code O = S V^T} (one GEMM, row t is
 * {@code V s_t}), softmax per row, {@code dO = P - Y}, {@code dS = dO V} (one GEMM, read before V
 * changes), {@code V += scale dO^T S} (one GEMM into V itself), then the hidden-size BPTT in plain
 * Java ({@link SentenceRecurrence}); with an output bias, {@code O += b} and {@code b += scale sum_t dO_t}
 * ({@link OutputBias}). Holds reused buffers: one instance per thread.
 */
public final class LanguageModelGradient implements ExampleGradient<int[]> {
    private final int vocabularySize;
    private final int hiddenSize;
    private final SentenceRecurrence recurrence;
    private final SoftmaxCrossEntropy output;
    private final Dtype dtype;
    private INDArray logits;
    private INDArray states;
    private INDArray stateGrads;
    private int capacity;
    private final LanguageModelSpec spec;
    /** Null without an output bias. */
    private final OutputBias bias;
    private LanguageModelBatch batchMath;

    public LanguageModelGradient(RnnLanguageModel model) {
        this(model.spec());
    }

    public LanguageModelGradient(LanguageModelSpec spec) {
        if (spec.classes() != null) throw new IllegalArgumentException("a class-factored model needs ClassLanguageModelGradient");
        this.spec = spec;
        this.vocabularySize = spec.vocabularySize();
        this.hiddenSize = spec.hiddenSize();
        this.dtype = spec.dtype();
        this.recurrence = new SentenceRecurrence(spec);
        this.output = SoftmaxCrossEntropy.forType(dtype.nd4j(), vocabularySize);
        this.bias = spec.outputBias() ? new OutputBias(dtype) : null;
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
        return backward(ids, parameters, target, scale, null);
    }

    /** The output layer's gradient {@code dO^T S} is left as that product, in this object's buffers. */
    @Override
    public double gradient(int[] ids, Parameters parameters, Parameters target, GradientProducts products) {
        return backward(ids, parameters, target, 1.0, products);
    }

    private double backward(int[] ids, Parameters parameters, Parameters target, double scale, GradientProducts products) {
        int steps = forward(ids, parameters);
        if (steps == 0) return 0.0;
        INDArray o = NdBuffers.firstRows(logits, steps);
        INDArray s = NdBuffers.firstRows(states, steps);
        INDArray ds = NdBuffers.firstRows(stateGrads, steps);
        double loss = output.apply(o, steps, ids, 1, true);
        Nd4j.gemm(o, parameters.get(RnnLanguageModel.V), ds, false, false, 1.0, 0.0);
        if (products == null) Nd4j.gemm(o, s, target.get(RnnLanguageModel.V), true, false, scale, 1.0);
        else products.put(RnnLanguageModel.V, o, s);
        if (bias != null) bias.accumulate(o, target, scale);
        NdBuffers.read(ds, 0, recurrence.stateGradients(), 0, steps * hiddenSize);
        recurrence.backward(ids, parameters, target, scale, steps);
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
        int steps = recurrence.forward(ids, parameters);
        if (steps == 0) return 0;
        ensureCapacity(steps);
        INDArray s = NdBuffers.firstRows(states, steps);
        NdBuffers.write(s, 0, recurrence.states(), 0, steps * hiddenSize);
        INDArray o = NdBuffers.firstRows(logits, steps);
        Nd4j.gemm(s, parameters.get(RnnLanguageModel.V), o, false, true, 1.0, 0.0);
        if (bias != null) bias.addTo(o, parameters);
        return steps;
    }

    private void ensureCapacity(int steps) {
        if (steps <= capacity) return;
        capacity = Math.max(steps, Math.max(64, 2 * capacity));
        logits = Nd4j.create(dtype.nd4j(), capacity, vocabularySize);
        states = Nd4j.create(dtype.nd4j(), capacity, hiddenSize);
        stateGrads = Nd4j.create(dtype.nd4j(), capacity, hiddenSize);
    }
}
