package org.sparkrnnlm.core.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class PackedParameterVectorTest {

    /** U (4 x 6, column-major: run i is column i) zero outside columns 1 and 4; W dense. */
    private static Parameters gradient(Dtype dtype) {
        INDArray u = Nd4j.zeros(dtype.nd4j(), 4, 6).dup('f');
        for (int r = 0; r < 4; r++) {
            u.putScalar(r, 1, 1.5 + r);
            u.putScalar(r, 4, -2.25 * r);
        }
        INDArray w = Nd4j.linspace(1, 6, 6).castTo(dtype.nd4j()).reshape(2, 3);
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        arrays.put("W", w);
        arrays.put("U", u);
        return new Parameters(dtype, arrays);
    }

    @Test
    void aPackedVectorReadsAsTheDenseOneInFloatAndDouble() {
        for (Dtype dtype : Dtype.values()) {
            Parameters g = gradient(dtype);
            ParameterVector packed = ParameterVector.packed(g, "U", 4, new int[] {1, 4});
            assertTrue(packed.sameAs(g.toVector()), dtype.name());
            assertTrue(packed.toParameters().toVector().sameAs(g.toVector()), dtype.name());
            assertEquals(g.toVector().length(), packed.length());
        }
    }

    @Test
    void aPackedVectorAddsIntoADenseSumAsTheDenseOne() {
        Parameters g = gradient(Dtype.DOUBLE);
        double[] dense = new double[30];
        double[] packed = new double[30];
        Arrays.fill(dense, 0.5);
        Arrays.fill(packed, 0.5);
        g.toVector().addWeightedTo(dense, 3.0);
        ParameterVector.packed(g, "U", 4, new int[] {1, 4}).addWeightedTo(packed, 3.0);
        assertTrue(Arrays.equals(dense, packed));
    }

    @Test
    void aPackedVectorAddsIntoParametersAsTheDenseOneInFloatAndDouble() {
        for (Dtype dtype : Dtype.values()) {
            Parameters g = gradient(dtype);
            Parameters viaDense = g.copy();
            Parameters viaPacked = g.copy();
            g.toVector().addTo(viaDense);
            ParameterVector.packed(g, "U", 4, new int[] {1, 4}).addTo(viaPacked);
            assertTrue(viaDense.toVector().sameAs(viaPacked.toVector()), dtype.name());
            Parameters doubled = g.copy();
            doubled.addScaled(g, 1.0);
            assertTrue(doubled.toVector().sameAs(viaPacked.toVector()), "x + x, " + dtype.name());
        }
    }

    @Test
    void aPackedVectorCarriesOnlyItsRuns() throws Exception {
        Parameters g = gradient(Dtype.FLOAT);
        int dense = serializedSize(g.toVector());
        int packed = serializedSize(ParameterVector.packed(g, "U", 4, new int[] {1, 4}));
        assertTrue(packed + 4 * 4 * 4 - 64 < dense, "packed " + packed + " bytes, dense " + dense);
    }

    private static int serializedSize(Object o) throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.size();
    }
}
