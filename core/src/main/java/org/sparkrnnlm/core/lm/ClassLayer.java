package org.sparkrnnlm.core.lm;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sparkrnnlm.core.tensor.Dtype;
import org.sparkrnnlm.core.tensor.NdBuffers;
import org.sparkrnnlm.core.tensor.Parameters;

/**
 * The class half of a class-factored output over a whole sentence, as three GEMMs like the full
 * softmax's but N wide instead of C: {@code Z = S X^T}, the class softmax and {@code -log} of each
 * target's class, {@code dS = dZ X} (read before X changes) and {@code X += scale dZ^T S}.
 */
final class ClassLayer {
    private final WordClasses classes;
    private final int hiddenSize;
    private final Dtype dtype;
    private final SoftmaxCrossEntropy softmax;
    private INDArray logits;
    private INDArray states;
    private INDArray stateGrads;
    private int[] targetClasses = new int[0];
    private int capacity;

    ClassLayer(LanguageModelSpec spec) {
        this.classes = spec.classes();
        this.hiddenSize = spec.hiddenSize();
        this.dtype = spec.dtype();
        this.softmax = SoftmaxCrossEntropy.forType(dtype.nd4j(), classes.classes());
    }

    /**
     * Sum over t of {@code -log softmax(X s_t)[c(y_t)]} for the states in {@code s} (row t) and
     * targets {@code ids[t + 1]}. With {@code stateGrads} non-null, writes {@code dL/ds_t} there
     * (overwriting) and adds {@code scale * dL/dX} into {@code target}.
     */
    double apply(int[] ids, double[] s, int steps, Parameters parameters, Parameters target, double scale, double[] stateGrads) {
        ensureCapacity(steps);
        for (int t = 0; t < steps; t++) targetClasses[t] = classes.classOf(ids[t + 1]);
        INDArray x = parameters.get(RnnLanguageModel.X);
        INDArray rows = NdBuffers.firstRows(states, steps);
        INDArray z = NdBuffers.firstRows(logits, steps);
        NdBuffers.write(rows, 0, s, 0, steps * hiddenSize);
        Nd4j.gemm(rows, x, z, false, true, 1.0, 0.0);
        boolean gradient = stateGrads != null;
        double loss = softmax.apply(z, steps, targetClasses, 0, gradient);
        if (gradient) {
            INDArray ds = NdBuffers.firstRows(this.stateGrads, steps);
            Nd4j.gemm(z, x, ds, false, false, 1.0, 0.0);
            Nd4j.gemm(z, rows, target.get(RnnLanguageModel.X), true, false, scale, 1.0);
            NdBuffers.read(ds, 0, stateGrads, 0, steps * hiddenSize);
        }
        return loss;
    }

    private void ensureCapacity(int steps) {
        if (steps <= capacity) return;
        capacity = Math.max(steps, Math.max(64, 2 * capacity));
        logits = Nd4j.create(dtype.nd4j(), capacity, classes.classes());
        states = Nd4j.create(dtype.nd4j(), capacity, hiddenSize);
        stateGrads = Nd4j.create(dtype.nd4j(), capacity, hiddenSize);
        targetClasses = new int[capacity];
    }
}
