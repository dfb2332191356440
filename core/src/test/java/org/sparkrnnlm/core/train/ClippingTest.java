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
    void aGradientWithinTheLimitOrNoLimitIsLeftAlone() {
        SparseRuns sparse = new SparseRuns("U", 2, new int[] {1});
        assertEquals(1.0, Clipping.scale(gradient(), sparse, 5.0));
        assertEquals(1.0, Clipping.scale(gradient(), sparse, 0.0));
    }
}
