package org.sparkrnnlm.core.lm;

import java.nio.FloatBuffer;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link RowBlock} for float32 models in SIMD lanes (the JDK's Vector API). Rows move to and from
 * the off-heap matrix as bulk float copies. Sums are taken lane-wise and then folded in lane order
 * (no reduceLanes), so the bits are the same whether the JIT has compiled the loop or not, as in
 * {@link VectorSoftmax}.
 */
final class VectorRowBlock extends RowBlock {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private final int vectorEnd;
    private final float[] state;
    private final float[] gradient;
    private final float[] lanes = new float[SPECIES.length()];
    /** The lane sums of four rows, folded together so that the four folds do not wait on each other. */
    private final float[] lanes4 = new float[4 * SPECIES.length()];
    private float[] rows = new float[0];
    private INDArray bufferOf;
    private FloatBuffer buffer;
    /** A group's per-step state gradients and states in float, and one row quartet's multipliers per step. */
    private float[] groupGradients = new float[0];
    private float[] groupStates = new float[0];
    private float[] down = new float[0];
    private float[] across = new float[0];
    /** Exponentials in float lanes, for a float32 model's softmax. */
    private float[] exps = new float[0];

    VectorRowBlock(int hidden) {
        super(hidden);
        this.vectorEnd = SPECIES.loopBound(hidden);
        this.state = new float[hidden];
        this.gradient = new float[hidden];
    }

    @Override
    void load(INDArray matrix, int first, int n) {
        if (rows.length < n * hidden) rows = new float[Math.max(n * hidden, 2 * rows.length)];
        buffer(matrix).get(Math.toIntExact(matrix.offset() + (long) first * hidden), rows, 0, n * hidden);
    }

    @Override
    void store(INDArray matrix, int first, int n) {
        buffer(matrix).put(Math.toIntExact(matrix.offset() + (long) first * hidden), rows, 0, n * hidden);
    }

    /**
     * The matrix's storage as a FloatBuffer, kept while the same matrix comes back (every step of
     * every sentence): each asNioFloat() makes native pointer objects, which cost more than a small block's copy.
     */
    private FloatBuffer buffer(INDArray matrix) {
        if (matrix != bufferOf) {
            buffer = matrix.data().asNioFloat();
            bufferOf = matrix;
        }
        return buffer;
    }

    private void takeState(double[] s, int from) {
        for (int j = 0; j < hidden; j++) state[j] = (float) s[from + j];
    }

    /** Four rows at a time: four independent lane sums hide the FMA latency and share each load of s. */
    @Override
    void logits(double[] s, int from, int n, double[] z, int at) {
        takeState(s, from);
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            int r = i * hidden;
            FloatVector a0 = FloatVector.zero(SPECIES);
            FloatVector a1 = a0;
            FloatVector a2 = a0;
            FloatVector a3 = a0;
            int j = 0;
            for (; j < vectorEnd; j += SPECIES.length()) {
                FloatVector sj = FloatVector.fromArray(SPECIES, state, j);
                a0 = FloatVector.fromArray(SPECIES, rows, r + j).fma(sj, a0);
                a1 = FloatVector.fromArray(SPECIES, rows, r + hidden + j).fma(sj, a1);
                a2 = FloatVector.fromArray(SPECIES, rows, r + 2 * hidden + j).fma(sj, a2);
                a3 = FloatVector.fromArray(SPECIES, rows, r + 3 * hidden + j).fma(sj, a3);
            }
            finish4(a0, a1, a2, a3, r, j, z, at + i);
        }
        for (; i < n; i++) {
            int r = i * hidden;
            FloatVector acc = FloatVector.zero(SPECIES);
            int j = 0;
            for (; j < vectorEnd; j += SPECIES.length()) {
                acc = FloatVector.fromArray(SPECIES, rows, r + j).fma(FloatVector.fromArray(SPECIES, state, j), acc);
            }
            z[at + i] = finish(acc, r, j);
        }
    }

    /** {@link #finish} for four consecutive rows at once: the same sums, in the same order per row. */
    private void finish4(FloatVector a0, FloatVector a1, FloatVector a2, FloatVector a3, int r, int j, double[] z, int at) {
        int n = SPECIES.length();
        a0.intoArray(lanes4, 0);
        a1.intoArray(lanes4, n);
        a2.intoArray(lanes4, 2 * n);
        a3.intoArray(lanes4, 3 * n);
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (int k = 0; k < n; k++) {
            s0 += lanes4[k];
            s1 += lanes4[n + k];
            s2 += lanes4[2 * n + k];
            s3 += lanes4[3 * n + k];
        }
        for (; j < hidden; j++) {
            float sj = state[j];
            s0 = Math.fma(rows[r + j], sj, s0);
            s1 = Math.fma(rows[r + hidden + j], sj, s1);
            s2 = Math.fma(rows[r + 2 * hidden + j], sj, s2);
            s3 = Math.fma(rows[r + 3 * hidden + j], sj, s3);
        }
        z[at] = s0;
        z[at + 1] = s1;
        z[at + 2] = s2;
        z[at + 3] = s3;
    }

    /** The lane sums folded in lane order, plus the row's tail past the last full vector. */
    private float finish(FloatVector acc, int r, int j) {
        acc.intoArray(lanes, 0);
        float sum = 0;
        for (float lane : lanes) sum += lane;
        for (; j < hidden; j++) sum = Math.fma(rows[r + j], state[j], sum);
        return sum;
    }

    /** Four rows per pass over the gradient, so that it is loaded and stored a quarter as often. */
    @Override
    void addStateGradient(double[] dz, int at, int n, double[] ds, int from) {
        java.util.Arrays.fill(gradient, 0f);
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            int r = i * hidden;
            float d0 = (float) dz[at + i];
            float d1 = (float) dz[at + i + 1];
            float d2 = (float) dz[at + i + 2];
            float d3 = (float) dz[at + i + 3];
            FloatVector v0 = FloatVector.broadcast(SPECIES, d0);
            FloatVector v1 = FloatVector.broadcast(SPECIES, d1);
            FloatVector v2 = FloatVector.broadcast(SPECIES, d2);
            FloatVector v3 = FloatVector.broadcast(SPECIES, d3);
            int j = 0;
            for (; j < vectorEnd; j += SPECIES.length()) {
                FloatVector g = FloatVector.fromArray(SPECIES, gradient, j);
                g = FloatVector.fromArray(SPECIES, rows, r + j).fma(v0, g);
                g = FloatVector.fromArray(SPECIES, rows, r + hidden + j).fma(v1, g);
                g = FloatVector.fromArray(SPECIES, rows, r + 2 * hidden + j).fma(v2, g);
                g = FloatVector.fromArray(SPECIES, rows, r + 3 * hidden + j).fma(v3, g);
                g.intoArray(gradient, j);
            }
            for (; j < hidden; j++) {
                float g = Math.fma(rows[r + j], d0, gradient[j]);
                g = Math.fma(rows[r + hidden + j], d1, g);
                g = Math.fma(rows[r + 2 * hidden + j], d2, g);
                gradient[j] = Math.fma(rows[r + 3 * hidden + j], d3, g);
            }
        }
        for (; i < n; i++) {
            float d = (float) dz[at + i];
            int r = i * hidden;
            FloatVector dv = FloatVector.broadcast(SPECIES, d);
            int j = 0;
            for (; j < vectorEnd; j += SPECIES.length()) {
                FloatVector.fromArray(SPECIES, rows, r + j).fma(dv, FloatVector.fromArray(SPECIES, gradient, j)).intoArray(gradient, j);
            }
            for (; j < hidden; j++) gradient[j] = Math.fma(rows[r + j], d, gradient[j]);
        }
        for (int j = 0; j < hidden; j++) ds[from + j] += gradient[j];
    }

    @Override
    void addOuter(double[] dz, int at, int n, double scale, double[] s, int from) {
        takeState(s, from);
        for (int i = 0; i < n; i++) {
            float d = (float) (scale * dz[at + i]);
            int r = i * hidden;
            FloatVector dv = FloatVector.broadcast(SPECIES, d);
            int j = 0;
            for (; j < vectorEnd; j += SPECIES.length()) {
                FloatVector.fromArray(SPECIES, state, j).fma(dv, FloatVector.fromArray(SPECIES, rows, r + j)).intoArray(rows, r + j);
            }
            for (; j < hidden; j++) rows[r + j] = Math.fma(state[j], d, rows[r + j]);
        }
    }

    /** exp in float lanes ({@link FloatExp}, the same bits JIT-compiled or not), summed per lane and folded in lane order. */
    @Override
    double expAndSum(double[] z, int at, int n, double max) {
        if (exps.length < n) exps = new float[Math.max(n, 2 * exps.length)];
        for (int i = 0; i < n; i++) exps[i] = (float) (z[at + i] - max);
        int end = SPECIES.loopBound(n);
        FloatVector partial = FloatVector.zero(SPECIES);
        int i = 0;
        for (; i < end; i += SPECIES.length()) {
            FloatVector e = FloatExp.exp(FloatVector.fromArray(SPECIES, exps, i));
            e.intoArray(exps, i);
            partial = partial.add(e);
        }
        partial.intoArray(lanes, 0);
        double sum = 0;
        for (float lane : lanes) sum += lane;
        for (; i < n; i++) sum += exps[i] = FloatExp.exp(exps[i]);
        for (int k = 0; k < n; k++) z[at + k] = exps[k];
        return sum;
    }

    /**
     * Four rows at a time, each lane chunk of them loaded once: every step's gradient takes the
     * chunk as read, then every step's outer product updates it, and it is stored once.
     */
    @Override
    void stateGradientsThenOuter(double[] dz, int[] offsets, int[] order, int from, int to, int n, double scale,
                                 double[] s, double[] ds) {
        int k = to - from;
        prepareGroup(order, from, k, s);
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            multipliers(dz, offsets, order, from, k, i, 4, scale);
            quartet(i * hidden, k);
        }
        for (; i < n; i++) {
            multipliers(dz, offsets, order, from, k, i, 1, scale);
            single(i * hidden, k);
        }
        for (int q = 0; q < k; q++) {
            int at = order[from + q] * hidden;
            for (int j = 0; j < hidden; j++) ds[at + j] += groupGradients[q * hidden + j];
        }
    }

    private void prepareGroup(int[] order, int from, int k, double[] s) {
        if (groupGradients.length < k * hidden) {
            groupGradients = new float[Math.max(k * hidden, 2 * groupGradients.length)];
            groupStates = new float[groupGradients.length];
            down = new float[4 * Math.max(k, groupGradients.length / hidden)];
            across = new float[down.length];
        }
        java.util.Arrays.fill(groupGradients, 0, k * hidden, 0f);
        for (int q = 0; q < k; q++) {
            int at = order[from + q] * hidden;
            for (int j = 0; j < hidden; j++) groupStates[q * hidden + j] = (float) s[at + j];
        }
    }

    /** down[4q + c] = dz of step q at row i + c (for the gradient), across[4q + c] = scale times it (for the update). */
    private void multipliers(double[] dz, int[] offsets, int[] order, int from, int k, int i, int rowsNow, double scale) {
        for (int q = 0; q < k; q++) {
            int at = offsets[order[from + q]] + i;
            for (int c = 0; c < rowsNow; c++) {
                down[4 * q + c] = (float) dz[at + c];
                across[4 * q + c] = (float) (scale * dz[at + c]);
            }
        }
    }

    private void quartet(int r, int k) {
        if (k == 1) quartetOne(r);
        else quartetLanes(r, k);
        int j = vectorEnd;
        for (; j < hidden; j++) {
            for (int q = 0; q < k; q++) {
                int g = q * hidden + j;
                float acc = Math.fma(rows[r + j], down[4 * q], groupGradients[g]);
                acc = Math.fma(rows[r + hidden + j], down[4 * q + 1], acc);
                acc = Math.fma(rows[r + 2 * hidden + j], down[4 * q + 2], acc);
                groupGradients[g] = Math.fma(rows[r + 3 * hidden + j], down[4 * q + 3], acc);
            }
            for (int q = 0; q < k; q++) {
                float sj = groupStates[q * hidden + j];
                for (int c = 0; c < 4; c++) rows[r + c * hidden + j] = Math.fma(sj, across[4 * q + c], rows[r + c * hidden + j]);
            }
        }
    }

    /**
     * One step over the quartet, the usual case in the word layer: the same operations as
     * {@link #quartetLanes} with k = 1, its eight multipliers broadcast once instead of at every
     * lane chunk (the JIT cannot keep them: the arrays could alias).
     */
    private void quartetOne(int r) {
        FloatVector g0 = FloatVector.broadcast(SPECIES, down[0]);
        FloatVector g1 = FloatVector.broadcast(SPECIES, down[1]);
        FloatVector g2 = FloatVector.broadcast(SPECIES, down[2]);
        FloatVector g3 = FloatVector.broadcast(SPECIES, down[3]);
        FloatVector u0 = FloatVector.broadcast(SPECIES, across[0]);
        FloatVector u1 = FloatVector.broadcast(SPECIES, across[1]);
        FloatVector u2 = FloatVector.broadcast(SPECIES, across[2]);
        FloatVector u3 = FloatVector.broadcast(SPECIES, across[3]);
        for (int j = 0; j < vectorEnd; j += SPECIES.length()) {
            FloatVector r0 = FloatVector.fromArray(SPECIES, rows, r + j);
            FloatVector r1 = FloatVector.fromArray(SPECIES, rows, r + hidden + j);
            FloatVector r2 = FloatVector.fromArray(SPECIES, rows, r + 2 * hidden + j);
            FloatVector r3 = FloatVector.fromArray(SPECIES, rows, r + 3 * hidden + j);
            FloatVector acc = r0.fma(g0, FloatVector.fromArray(SPECIES, groupGradients, j));
            acc = r1.fma(g1, acc);
            acc = r2.fma(g2, acc);
            r3.fma(g3, acc).intoArray(groupGradients, j);
            FloatVector sj = FloatVector.fromArray(SPECIES, groupStates, j);
            sj.fma(u0, r0).intoArray(rows, r + j);
            sj.fma(u1, r1).intoArray(rows, r + hidden + j);
            sj.fma(u2, r2).intoArray(rows, r + 2 * hidden + j);
            sj.fma(u3, r3).intoArray(rows, r + 3 * hidden + j);
        }
    }

    /** Every step's gradient from the four rows' lane chunk as read, then every step's update of it. */
    private void quartetLanes(int r, int k) {
        for (int j = 0; j < vectorEnd; j += SPECIES.length()) {
            FloatVector r0 = FloatVector.fromArray(SPECIES, rows, r + j);
            FloatVector r1 = FloatVector.fromArray(SPECIES, rows, r + hidden + j);
            FloatVector r2 = FloatVector.fromArray(SPECIES, rows, r + 2 * hidden + j);
            FloatVector r3 = FloatVector.fromArray(SPECIES, rows, r + 3 * hidden + j);
            for (int q = 0; q < k; q++) {
                int g = q * hidden + j;
                FloatVector acc = r0.fma(FloatVector.broadcast(SPECIES, down[4 * q]), FloatVector.fromArray(SPECIES, groupGradients, g));
                acc = r1.fma(FloatVector.broadcast(SPECIES, down[4 * q + 1]), acc);
                acc = r2.fma(FloatVector.broadcast(SPECIES, down[4 * q + 2]), acc);
                r3.fma(FloatVector.broadcast(SPECIES, down[4 * q + 3]), acc).intoArray(groupGradients, g);
            }
            for (int q = 0; q < k; q++) {
                FloatVector sj = FloatVector.fromArray(SPECIES, groupStates, q * hidden + j);
                r0 = sj.fma(FloatVector.broadcast(SPECIES, across[4 * q]), r0);
                r1 = sj.fma(FloatVector.broadcast(SPECIES, across[4 * q + 1]), r1);
                r2 = sj.fma(FloatVector.broadcast(SPECIES, across[4 * q + 2]), r2);
                r3 = sj.fma(FloatVector.broadcast(SPECIES, across[4 * q + 3]), r3);
            }
            r0.intoArray(rows, r + j);
            r1.intoArray(rows, r + hidden + j);
            r2.intoArray(rows, r + 2 * hidden + j);
            r3.intoArray(rows, r + 3 * hidden + j);
        }
    }

    private void single(int r, int k) {
        int j = 0;
        for (; j < vectorEnd; j += SPECIES.length()) {
            FloatVector row = FloatVector.fromArray(SPECIES, rows, r + j);
            for (int q = 0; q < k; q++) {
                int g = q * hidden + j;
                row.fma(FloatVector.broadcast(SPECIES, down[4 * q]), FloatVector.fromArray(SPECIES, groupGradients, g)).intoArray(groupGradients, g);
            }
            for (int q = 0; q < k; q++) {
                row = FloatVector.fromArray(SPECIES, groupStates, q * hidden + j).fma(FloatVector.broadcast(SPECIES, across[4 * q]), row);
            }
            row.intoArray(rows, r + j);
        }
        for (; j < hidden; j++) {
            for (int q = 0; q < k; q++) groupGradients[q * hidden + j] = Math.fma(rows[r + j], down[4 * q], groupGradients[q * hidden + j]);
            for (int q = 0; q < k; q++) rows[r + j] = Math.fma(groupStates[q * hidden + j], across[4 * q], rows[r + j]);
        }
    }
}
