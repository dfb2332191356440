package org.sparkrnnlm.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sparkrnnlm.core.optim.SparseRuns;
import org.sparkrnnlm.core.tensor.Dtype;
import org.sparkrnnlm.core.tensor.Parameters;

class ClippingTest {
    private static Parameters gradient() {
        LinkedHashMap<String, INDArray> arrays = new LinkedHashMap<>();
        arrays.put("W", Nd4j.create(new double[] {3, 0}, new long[] {2}, 'c'));
        arrays.put("U", Nd4j.create(new double[] {100, 100, 4, 0}, new long[] {4}, 'c'));
        return new Parameters(Dtype.DOUBLE, arrays);
    }

    @Test
    void aGradientAboveTheLimitIsScaledToIt() {
        // Only U's run 1 (elements 2..3) counts: the norm is sqrt(3^2 + 4^2) = 5.
        SparseRuns sparse = new SparseRuns("U", 2, new int[] {1});
        assertEquals(2.0 / 5.0, Clipping.scale(gradient(), sparse, 2.0), 1e-15);
    }

    @Test
    void aProductCountsAsTheMatrixItStandsFor() {
        INDArray left = Nd4j.create(new double[] {1, 2, 0, -1, 3, 1}, new long[] {2, 3}, 'c');
        INDArray right = Nd4j.create(new double[] {2, 0, 1, 4}, new long[] {2, 2}, 'c');
        INDArray matrix = Nd4j.gemm(left, right, true, false);
        LinkedHashMap<String, INDArray> dense = new LinkedHashMap<>();
        dense.put("V", matrix);
        LinkedHashMap<String, INDArray> zeros = new LinkedHashMap<>();
        zeros.put("V", Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 3, 2));
        org.sparkrnnlm.core.optim.GradientProducts products = new org.sparkrnnlm.core.optim.GradientProducts();
        products.put("V", left, right);
        double expected = Clipping.scale(new Parameters(Dtype.DOUBLE, dense), null, 1.0);
        assertEquals(expected, Clipping.scale(new Parameters(Dtype.DOUBLE, zeros), null, products, 1.0), 1e-15);
    }

    @Test
    void aGradientWithinTheLimitOrNoLimitIsLeftAlone() {
        SparseRuns sparse = new SparseRuns("U", 2, new int[] {1});
        assertEquals(1.0, Clipping.scale(gradient(), sparse, 5.0));
        assertEquals(1.0, Clipping.scale(gradient(), sparse, 0.0));
    }
}
