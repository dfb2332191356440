package org.sparkrnnlm.core.tensor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ParametersAddScaledTest {
    /** Arrays longer than a staging chunk, in both storage orders, with values of every magnitude. */
    private static Parameters random(Dtype dtype, long seed) {
        Nd4j.getRandom().setSeed(seed);
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        arrays.put("U", Nd4j.randn(dtype.nd4j(), 37, 501).mul(3).dup('f'));
        arrays.put("V", Nd4j.randn(dtype.nd4j(), 501, 37).mul(0.01));
        return new Parameters(dtype, arrays);
    }

    @Test
    void addScaledEqualsNd4jsAddOfTheScaledArrayBitForBit() {
        for (Dtype dtype : Dtype.values()) {
            for (double scale : new double[] {-0.005 / 32, -1.0 / 3, 0.1, 7.0}) {
                Parameters a = random(dtype, 1);
                Parameters b = random(dtype, 2);
                Parameters expected = a.copy();
                for (String name : expected.names()) expected.get(name).addi(b.get(name).mul(scale));
                a.addScaled(b, scale);
                assertTrue(expected.toVector().sameAs(a.toVector()), dtype + " scale " + scale);
            }
        }
    }

    @Test
    void addScaledHandlesArraysOfDifferentStorageOrders() {
        Parameters a = random(Dtype.FLOAT, 3);
        Map<String, INDArray> other = new LinkedHashMap<>();
        other.put("U", random(Dtype.FLOAT, 4).get("U").dup('c'));
        other.put("V", random(Dtype.FLOAT, 4).get("V").dup('f'));
        Parameters b = new Parameters(Dtype.FLOAT, other);
        Parameters expected = a.copy();
        for (String name : expected.names()) expected.get(name).addi(b.get(name).mul(0.25));
        a.addScaled(b, 0.25);
        assertTrue(expected.toVector().sameAs(a.toVector()));
    }
}
