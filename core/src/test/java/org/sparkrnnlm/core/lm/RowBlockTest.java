package org.sparkrnnlm.core.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sparkrnnlm.core.tensor.VectorSupport;

class RowBlockTest {
    private static final int ROWS = 11;

    private record Case(double[] dz, int[] offsets, int[] order, double[] s) {}

    /** k steps over n rows, listed in a shuffled order, each with its own deltas and state. */
    private static Case randomCase(int k, int n, int hidden, long seed) {
        Random r = new Random(seed);
        double[] dz = new double[k * n];
        for (int i = 0; i < dz.length; i++) dz[i] = r.nextGaussian();
        int[] offsets = new int[k];
        int[] order = new int[k];
        for (int t = 0; t < k; t++) {
            offsets[t] = (k - 1 - t) * n;
            order[t] = (t * 3 + 1) % k;
        }
        double[] s = new double[k * hidden];
        for (int i = 0; i < s.length; i++) s[i] = Math.tanh(r.nextGaussian());
        return new Case(dz, offsets, order, s);
    }

    private static INDArray matrix(DataType type, int hidden, long seed) {
        Random r = new Random(seed);
        INDArray m = Nd4j.create(type, ROWS, hidden);
        for (int i = 0; i < ROWS; i++) {
            for (int j = 0; j < hidden; j++) m.putScalar(i, j, r.nextGaussian());
        }
        return m;
    }

    /** Steps' state gradients and the updated rows, by one pass or by the two separate calls. */
    private static double[][] run(DataType type, int hidden, int k, int n, boolean fused) {
        Case c = randomCase(k, n, hidden, 5);
        INDArray m = matrix(type, hidden, 9);
        double[] ds = new double[k * hidden];
        for (int i = 0; i < ds.length; i++) ds[i] = 0.25 * i;
        RowBlock block = type == DataType.FLOAT ? new VectorRowBlock(hidden) : new ScalarRowBlock(hidden);
        block.load(m, 2, n);
        if (fused) {
            block.stateGradientsThenOuter(c.dz(), c.offsets(), c.order(), 0, k, n, -0.05, c.s(), ds);
        } else {
            for (int q = 0; q < k; q++) {
                int t = c.order()[q];
                block.addStateGradient(c.dz(), c.offsets()[t], n, ds, t * hidden);
            }
            for (int q = 0; q < k; q++) {
                int t = c.order()[q];
                block.addOuter(c.dz(), c.offsets()[t], n, -0.05, c.s(), t * hidden);
            }
        }
        block.store(m, 2, n);
        return new double[][] {ds, m.castTo(DataType.DOUBLE).data().asDouble()};
    }

    @ParameterizedTest(name = "{0}, H={1}, {2} steps over {3} rows")
    @CsvSource({"FLOAT,13,1,1", "FLOAT,13,1,4", "FLOAT,13,1,9", "FLOAT,13,3,7", "FLOAT,16,5,8", "FLOAT,37,2,9",
            "DOUBLE,13,1,9", "DOUBLE,7,4,6"})
    void onePassGivesTheBitsOfTheStateGradientsThenTheOuterProducts(String type, int hidden, int k, int n) {
        if (DataType.valueOf(type) == DataType.FLOAT && !VectorSupport.available()) return;
        double[][] separate = run(DataType.valueOf(type), hidden, k, n, false);
        double[][] fused = run(DataType.valueOf(type), hidden, k, n, true);
        assertArrayEquals(separate[0], fused[0], "state gradients");
        assertArrayEquals(separate[1], fused[1], "rows");
    }

    /**
     * The float32 update written out element by element: each step's state gradient a float fma
     * chain over the rows (in row order, from 0), added to ds in double, then each step's rank-one
     * update {@code row += (float) s * (float) (scale * dz)} by fma.
     */
    private static double[][] plainFloat(int hidden, int k, int n) {
        Case c = randomCase(k, n, hidden, 5);
        INDArray m = matrix(DataType.FLOAT, hidden, 9);
        float[] rows = m.data().asFloat();
        double[] ds = new double[k * hidden];
        for (int i = 0; i < ds.length; i++) ds[i] = 0.25 * i;
        int base = 2 * hidden;
        for (int q = 0; q < k; q++) {
            int t = c.order()[q];
            for (int j = 0; j < hidden; j++) {
                float g = 0f;
                for (int i = 0; i < n; i++) g = Math.fma(rows[base + i * hidden + j], (float) c.dz()[c.offsets()[t] + i], g);
                ds[t * hidden + j] += g;
            }
        }
        for (int q = 0; q < k; q++) {
            int t = c.order()[q];
            for (int i = 0; i < n; i++) {
                float d = (float) (-0.05 * c.dz()[c.offsets()[t] + i]);
                for (int j = 0; j < hidden; j++) {
                    rows[base + i * hidden + j] = Math.fma((float) c.s()[t * hidden + j], d, rows[base + i * hidden + j]);
                }
            }
        }
        double[] all = new double[rows.length];
        for (int i = 0; i < rows.length; i++) all[i] = rows[i];
        return new double[][] {ds, all};
    }

    @ParameterizedTest(name = "H={0}, {1} steps over {2} rows")
    @CsvSource({"13,1,9", "100,1,9", "100,1,4", "100,3,7", "37,2,5", "16,1,8", "7,2,3"})
    void floatLanesGiveTheBitsOfAPlainFmaTranscription(int hidden, int k, int n) {
        if (!VectorSupport.available()) return;
        double[][] expected = plainFloat(hidden, k, n);
        for (boolean fused : new boolean[] {true, false}) {
            double[][] lanes = run(DataType.FLOAT, hidden, k, n, fused);
            assertArrayEquals(expected[0], lanes[0], "state gradients, fused " + fused);
            assertArrayEquals(expected[1], lanes[1], "rows, fused " + fused);
        }
    }
}
