package org.sparkrnnlm.core.lm;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparkrnnlm.core.tensor.NdBuffers;

/** {@link RowBlock} in double: float64 models (exact enough for gradient checks), or no Vector API. */
final class ScalarRowBlock extends RowBlock {
    private double[] rows = new double[0];

    ScalarRowBlock(int hidden) {
        super(hidden);
    }

    @Override
    void load(INDArray matrix, int first, int n) {
        if (rows.length < n * hidden) rows = new double[Math.max(n * hidden, 2 * rows.length)];
        NdBuffers.read(matrix, (long) first * hidden, rows, 0, n * hidden);
    }

    @Override
    void store(INDArray matrix, int first, int n) {
        NdBuffers.write(matrix, (long) first * hidden, rows, 0, n * hidden);
    }

    /** Four rows at a time, so that the four sums do not wait on each other. */
    @Override
    void logits(double[] s, int from, int n, double[] z, int at) {
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

    @Override
    void addStateGradient(double[] dz, int at, int n, double[] ds, int from) {
        for (int i = 0; i < n; i++) {
            double d = dz[at + i];
            int r = i * hidden;
            for (int j = 0; j < hidden; j++) ds[from + j] += d * rows[r + j];
        }
    }

    @Override
    void addOuter(double[] dz, int at, int n, double scale, double[] s, int from) {
        for (int i = 0; i < n; i++) {
            double d = scale * dz[at + i];
            int r = i * hidden;
            for (int j = 0; j < hidden; j++) rows[r + j] += d * s[from + j];
        }
    }

    @Override
    void stateGradientsThenOuter(double[] dz, int[] offsets, int[] order, int from, int to, int n, double scale,
                                 double[] s, double[] ds) {
        for (int i = 0; i < n; i++) {
            int r = i * hidden;
            for (int k = from; k < to; k++) {
                int t = order[k];
                double d = dz[offsets[t] + i];
                int at = t * hidden;
                for (int j = 0; j < hidden; j++) ds[at + j] += d * rows[r + j];
            }
            for (int k = from; k < to; k++) {
                int t = order[k];
                double d = scale * dz[offsets[t] + i];
                int at = t * hidden;
                for (int j = 0; j < hidden; j++) rows[r + j] += d * s[at + j];
            }
        }
    }
}
