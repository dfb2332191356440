package org.sparkrnnlm.core.lm;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparkrnnlm.core.tensor.NdBuffers;
import org.sparkrnnlm.core.tensor.Parameters;

/**
 * The word half of a class-factored output: at step t only the rows of V of the target's class
 * take part, {@code -log softmax(V_c s_t)[y_t]}. Each step's class has its own rows, so this is
 * plain Java over a heap copy of those rows (an ND4J call per step would cost more than a small
 * class's arithmetic), in double whatever the model's dtype. All steps read V before any writes
 * it, so a sentence's gradient is taken at one point also when updating in place.
 */
final class WordLayer {
    private final WordClasses classes;
    private final int hidden;
    /** The current class's rows of V, row-major. */
    private double[] rows = new double[0];
    /** Each step's dL/dz over its class's rows, step t from {@code offsets[t]}. */
    private double[] deltas = new double[0];
    private int[] offsets = new int[0];

    WordLayer(LanguageModelSpec spec) {
        this.classes = spec.classes();
        this.hidden = spec.hiddenSize();
    }

    /**
     * Sum over t of {@code -log softmax(V_c(y_t) s_t)[y_t]}. With {@code stateGrads} non-null, adds
     * {@code dL/ds_t} into its row t and {@code scale * dL/dV} into {@code target}'s V.
     */
    double apply(int[] ids, double[] s, int steps, Parameters parameters, Parameters target, double scale, double[] stateGrads) {
        INDArray v = parameters.get(RnnLanguageModel.V);
        boolean gradient = stateGrads != null;
        if (gradient) reserve(ids, steps);
        double loss = 0;
        for (int t = 0; t < steps; t++) {
            int y = ids[t + 1];
            int c = classes.classOf(y);
            int first = classes.start(c);
            int n = classes.end(c) - first;
            load(v, first, n);
            // Without a gradient every step's logits go to the start of the buffer.
            if (!gradient && deltas.length < n) deltas = new double[Math.max(n, 2 * deltas.length)];
            int at = gradient ? offsets[t] : 0;
            logits(s, t * hidden, n, deltas, at);
            loss += softmax(deltas, at, n, classes.row(y) - first, gradient);
            if (gradient) addStateGradient(deltas, at, n, stateGrads, t * hidden);
        }
        if (gradient) update(ids, s, steps, target.get(RnnLanguageModel.V), scale);
        return loss;
    }

    /** Room for every step's deltas, at offsets in step order. */
    private void reserve(int[] ids, int steps) {
        if (offsets.length < steps) offsets = new int[Math.max(steps, 2 * offsets.length)];
        int total = 0;
        for (int t = 0; t < steps; t++) {
            offsets[t] = total;
            int c = classes.classOf(ids[t + 1]);
            total += classes.end(c) - classes.start(c);
        }
        if (deltas.length < total) deltas = new double[Math.max(total, 2 * deltas.length)];
    }

    private void load(INDArray v, int first, int n) {
        if (rows.length < n * hidden) rows = new double[Math.max(n * hidden, 2 * rows.length)];
        NdBuffers.read(v, (long) first * hidden, rows, 0, n * hidden);
    }

    /** z[at + i] = row i . s_t, four rows at a time so that the sums do not wait on each other. */
    private void logits(double[] s, int from, int n, double[] z, int at) {
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            int r = i * hidden;
            double z0 = 0, z1 = 0, z2 = 0, z3 = 0;
            for (int j = 0; j < hidden; j++) {
                double sj = s[from + j];
                z0 += rows[r + j] * sj;
                z1 += rows[r + hidden + j] * sj;
                z2 += rows[r + 2 * hidden + j] * sj;
                z3 += rows[r + 3 * hidden + j] * sj;
            }
            z[at + i] = z0;
            z[at + i + 1] = z1;
            z[at + i + 2] = z2;
            z[at + i + 3] = z3;
        }
        for (; i < n; i++) {
            double zi = 0;
            for (int j = 0; j < hidden; j++) zi += rows[i * hidden + j] * s[from + j];
            z[at + i] = zi;
        }
    }

    /** {@code -log softmax(z)[k]}; with gradient, z becomes {@code softmax(z) - onehot(k)}. */
    private static double softmax(double[] z, int at, int n, int k, boolean gradient) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) max = Math.max(max, z[at + i]);
        double target = z[at + k] - max;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double e = Math.exp(z[at + i] - max);
            if (gradient) z[at + i] = e;
            sum += e;
        }
        if (gradient) {
            double inv = 1.0 / sum;
            for (int i = 0; i < n; i++) z[at + i] *= inv;
            z[at + k] -= 1.0;
        }
        return Math.log(sum) - target;
    }

    /** ds_t += sum_i dz_i * row_i, with the rows V had before this sentence. */
    private void addStateGradient(double[] dz, int at, int n, double[] stateGrads, int from) {
        for (int i = 0; i < n; i++) {
            double d = dz[at + i];
            int r = i * hidden;
            for (int j = 0; j < hidden; j++) stateGrads[from + j] += d * rows[r + j];
        }
    }

    /** V_c(y_t) += scale * dz_t s_t^T for every step, each class's rows read, updated and written back once per step. */
    private void update(int[] ids, double[] s, int steps, INDArray target, double scale) {
        for (int t = 0; t < steps; t++) {
            int c = classes.classOf(ids[t + 1]);
            int first = classes.start(c);
            int n = classes.end(c) - first;
            load(target, first, n);
            int from = t * hidden;
            for (int i = 0; i < n; i++) {
                double d = scale * deltas[offsets[t] + i];
                int r = i * hidden;
                for (int j = 0; j < hidden; j++) rows[r + j] += d * s[from + j];
            }
            NdBuffers.write(target, (long) first * hidden, rows, 0, n * hidden);
        }
    }
}
