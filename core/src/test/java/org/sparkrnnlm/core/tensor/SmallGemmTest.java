package org.sparkrnnlm.core.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SmallGemm equals a plain triple loop over every shape class: row groups of four and their remainder, lane blocks and their tail. */
class SmallGemmTest {

    @ParameterizedTest(name = "{0}x{1} depth {2} accumulate {3}")
    @CsvSource({"1,100,100,true", "1,7,3,false", "4,100,100,false", "9,100,37,true", "13,3,5,false", "100,100,1,true",
        "6,33,64,false", "2,64,2,true"})
    void multiplyEqualsATripleLoop(int rows, int cols, int depth, boolean accumulate) {
        Random r = new Random(rows * 1000L + cols * 10L + depth);
        double[] a = gaussians(r, 3 + rows * depth);
        double[] b = gaussians(r, 2 + depth * cols);
        double[] c = gaussians(r, 5 + rows * cols);
        double[] expected = c.clone();
        for (int i = 0; i < rows; i++) {
            for (int n = 0; n < cols; n++) {
                double s = accumulate ? c[5 + i * cols + n] : 0.0;
                // A transposed in storage: A(i, p) = a[3 + p * rows + i].
                for (int p = 0; p < depth; p++) s += a[3 + p * rows + i] * b[2 + p * cols + n];
                expected[5 + i * cols + n] = s;
            }
        }
        SmallGemm.multiply(rows, cols, depth, a, 3, 1, rows, b, 2, cols, c, 5, cols, accumulate);
        for (int k = 0; k < c.length; k++) assertEquals(expected[k], c[k], 1e-12 * (1 + Math.abs(expected[k])), "c[" + k + "]");
    }

    @ParameterizedTest(name = "{0}x{1} depth {2}")
    @CsvSource({"5,100,100", "1,100,100", "3,9,4"})
    void eachEntryIsOneFusedChainOverTheDepthInOrder(int rows, int cols, int depth) {
        Random r = new Random(7);
        double[] a = gaussians(r, rows * depth);
        double[] b = gaussians(r, depth * cols);
        double[] c = new double[rows * cols];
        SmallGemm.multiply(rows, cols, depth, a, 0, depth, 1, b, 0, cols, c, 0, cols, false);
        for (int i = 0; i < rows; i++) {
            for (int n = 0; n < cols; n++) {
                double s = 0.0;
                for (int p = 0; p < depth; p++) s = Math.fma(a[i * depth + p], b[p * cols + n], s);
                assertEquals(s, c[i * cols + n], 0.0);
            }
        }
    }

    private static double[] gaussians(Random r, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = r.nextGaussian();
        return x;
    }
}
