package org.sparkrnnlm.core.lm;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparkrnnlm.core.tensor.Dtype;
import org.sparkrnnlm.core.tensor.Parameters;

/**
 * One half of a class-factored output: at step t, a softmax over a block of consecutive rows of a
 * weight matrix ({@code X} whole for the class layer, the target class's rows of {@code V} for
 * the word layer) and {@code -log} of the target's entry. Every step reads the matrix before any
 * step writes it, so a sentence's gradient is taken at one point also when updating in place;
 * the updates are then applied block by block, each block read and written back once.
 */
final class BlockSoftmax {
    private final String array;
    private final int hidden;
    private final RowBlock block;
    /** Each step's logits, then dL/dz over its block, step t from {@code offsets[t]}. */
    private double[] deltas = new double[0];
    private int[] offsets = new int[0];
    /** Steps in the order their updates are applied: by first row, then by step. */
    private int[] order = new int[0];

    BlockSoftmax(String array, int hidden, Dtype dtype) {
        this.array = array;
        this.hidden = hidden;
        this.block = RowBlock.forType(dtype.nd4j(), hidden);
    }

    /**
     * Sum over t of {@code -log softmax(M[first_t .. first_t + size_t) s_t)[target_t]} for the states in
     * {@code s} (row t). With {@code stateGrads} non-null, adds {@code dL/ds_t} into its row t and
     * {@code scale * dL/dM} into {@code target}'s matrix.
     */
    double apply(int[] first, int[] size, int[] targets, int steps, double[] s, Parameters parameters, Parameters target,
                 double scale, double[] stateGrads) {
        boolean gradient = stateGrads != null;
        // In place, the update pass reads each block anyway: the state gradient joins it (one pass over the rows fewer).
        boolean inPlace = gradient && target == parameters;
        reserve(size, steps, gradient);
        INDArray matrix = parameters.get(array);
        double loss = 0;
        int loadedFirst = -1;
        int loadedSize = -1;
        for (int t = 0; t < steps; t++) {
            // Consecutive steps of one block (always, for X) reuse the copy: nothing writes the matrix yet.
            if (first[t] != loadedFirst || size[t] != loadedSize) {
                block.load(matrix, first[t], size[t]);
                loadedFirst = first[t];
                loadedSize = size[t];
            }
            int at = gradient ? offsets[t] : 0;
            block.logits(s, t * hidden, size[t], deltas, at);
            loss += softmax(deltas, at, size[t], targets[t], gradient);
            if (gradient && !inPlace) block.addStateGradient(deltas, at, size[t], stateGrads, t * hidden);
        }
        if (gradient) update(first, size, steps, s, target.get(array), scale, inPlace ? stateGrads : null);
        return loss;
    }

    /** Room for the steps' deltas (every step's with a gradient, one block's without). */
    private void reserve(int[] size, int steps, boolean gradient) {
        if (offsets.length < steps) {
            offsets = new int[Math.max(steps, 2 * offsets.length)];
            order = new int[offsets.length];
        }
        int total = 0;
        for (int t = 0; t < steps; t++) {
            offsets[t] = total;
            total = gradient ? total + size[t] : Math.max(total, size[t]);
        }
        if (deltas.length < total) deltas = new double[Math.max(total, 2 * deltas.length)];
    }

    /** {@code -log softmax(z)[k]}, the exponentials left in z; with gradient, z becomes {@code softmax(z) - onehot(k)}. */
    private double softmax(double[] z, int at, int n, int k, boolean gradient) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) max = Math.max(max, z[at + i]);
        double target = z[at + k] - max;
        double sum = block.expAndSum(z, at, n, max);
        if (gradient) {
            double inv = 1.0 / sum;
            for (int i = 0; i < n; i++) z[at + i] *= inv;
            z[at + k] -= 1.0;
        }
        return Math.log(sum) - target;
    }

    /**
     * M[block_t] += scale * dz_t s_t^T, the steps of one block together between one read and one write.
     * With {@code stateGrads} (updating in place), each step's dL/ds_t is taken from the block's rows
     * before the block's first update, in the same pass.
     */
    private void update(int[] first, int[] size, int steps, double[] s, INDArray matrix, double scale, double[] stateGrads) {
        sortByFirstRow(first, steps);
        for (int g = 0; g < steps; ) {
            int t0 = order[g];
            block.load(matrix, first[t0], size[t0]);
            int end = g;
            while (end < steps && first[order[end]] == first[t0]) end++;
            if (stateGrads != null) {
                block.stateGradientsThenOuter(deltas, offsets, order, g, end, size[t0], scale, s, stateGrads);
            } else {
                for (int k = g; k < end; k++) block.addOuter(deltas, offsets[order[k]], size[order[k]], scale, s, order[k] * hidden);
            }
            block.store(matrix, first[t0], size[t0]);
            g = end;
        }
    }

    /** order[0..steps) := the steps by first row, ties in step order (insertion sort: sentences are short). */
    private void sortByFirstRow(int[] first, int steps) {
        for (int t = 0; t < steps; t++) {
            int i = t;
            while (i > 0 && first[order[i - 1]] > first[t]) {
                order[i] = order[i - 1];
                i--;
            }
            order[i] = t;
        }
    }
}
