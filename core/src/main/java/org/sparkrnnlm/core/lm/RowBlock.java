package org.sparkrnnlm.core.lm;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparkrnnlm.core.tensor.VectorSupport;

/**
 * A heap copy of consecutive rows of a row-major H-wide weight matrix (a class's rows of V, or
 * all of X) and the three products a softmax over them needs: logits, the state gradient and the
 * rank-one weight update. Plain Java, because the blocks are small and change every step (an ND4J
 * call would cost more than the arithmetic). One instance per thread.
 */
abstract class RowBlock {
    final int hidden;

    RowBlock(int hidden) {
        this.hidden = hidden;
    }

    /** The fastest implementation for the dtype: float32 lanes where the JVM has the Vector API, double otherwise. */
    static RowBlock forType(DataType type, int hidden) {
        if (type == DataType.FLOAT && VectorSupport.available()) return new VectorRowBlock(hidden);
        return new ScalarRowBlock(hidden);
    }

    /** Copies rows [first, first + n) of the matrix in. */
    abstract void load(INDArray matrix, int first, int n);

    /** Copies the block back to rows [first, first + n) of the matrix. */
    abstract void store(INDArray matrix, int first, int n);

    /** z[at + i] = row i . s[from..from+H), for the first n rows. */
    abstract void logits(double[] s, int from, int n, double[] z, int at);

    /** ds[from + j] += sum_i dz[at + i] * row_i[j]. */
    abstract void addStateGradient(double[] dz, int at, int n, double[] ds, int from);

    /** row_i += scale * dz[at + i] * s[from..from+H), for the first n rows. */
    abstract void addOuter(double[] dz, int at, int n, double scale, double[] s, int from);

    /**
     * For the steps {@code order[from..to)} of one block of n rows: first each step's
     * {@link #addStateGradient} into row t of ds (t = order[k]), from the rows as they are, then each
     * step's {@link #addOuter} in that order. Same result, bit for bit, as those calls one after the
     * other; one pass over the rows.
     */
    abstract void stateGradientsThenOuter(double[] dz, int[] offsets, int[] order, int from, int to, int n, double scale,
                                          double[] s, double[] ds);

    /** z[at + i] := exp(z[at + i] - max) for i < n; returns their sum. */
    double expAndSum(double[] z, int at, int n, double max) {
        double sum = 0;
        for (int i = 0; i < n; i++) sum += z[at + i] = Math.exp(z[at + i] - max);
        return sum;
    }
}
