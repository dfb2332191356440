package org.sparkrnnlm.core.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class RawParametersTest {
    /** Two arrays in different storage orders. */
    private static Parameters parameters(Dtype dtype) {
        Nd4j.getRandom().setSeed(5);
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        arrays.put("U", Nd4j.randn(dtype.nd4j(), 7, 9).dup('f'));
        arrays.put("V", Nd4j.randn(dtype.nd4j(), 9, 7));
        return new Parameters(dtype, arrays);
    }

    @Test
    void decodingTheEncodedValuesIntoFreshArraysOfTheLayoutGivesTheSameParameters() {
        for (Dtype dtype : Dtype.values()) {
            Parameters p = parameters(dtype);
            ByteBuffer bytes = RawParameters.encode(p);
            assertEquals(p.size() * dtype.bytes(), bytes.remaining(), dtype.name());
            Parameters fresh = p.toVector().layout().allocate();
            RawParameters.decode(bytes, fresh);
            assertTrue(p.toVector().sameAs(fresh.toVector()), dtype.name());
        }
    }

    @Test
    void theValuesAreLittleEndianInStorageOrder() {
        Parameters p = parameters(Dtype.FLOAT);
        ByteBuffer bytes = RawParameters.encode(p).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        ParameterVector vector = p.toVector();
        for (int i = 0; i < vector.length(); i++) assertEquals((float) vector.value(i), bytes.getFloat(4 * i), "value " + i);
    }

    @Test
    void bytesOfAnotherLayoutAreRefused() {
        Parameters p = parameters(Dtype.FLOAT);
        ByteBuffer bytes = RawParameters.encode(p);
        Parameters doubles = parameters(Dtype.DOUBLE);
        assertThrows(IllegalArgumentException.class, () -> RawParameters.decode(bytes, doubles));
    }
}
