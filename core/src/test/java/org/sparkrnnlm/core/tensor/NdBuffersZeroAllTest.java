package org.sparkrnnlm.core.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class NdBuffersZeroAllTest {
    /** 1, 2, ..., rows * columns in row-major order. */
    private static INDArray counting(DataType type, int rows, int columns) {
        INDArray a = Nd4j.create(type, rows, columns);
        for (int i = 0; i < rows * columns; i++) a.putScalar(i, i + 1);
        return a;
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void zeroAllZerosEveryElementOfAWholeArray(DataType type) {
        INDArray a = counting(type, 5, 6).dup('f');
        NdBuffers.zeroAll(a);
        for (int i = 0; i < a.length(); i++) assertEquals(0.0, a.getDouble(i), "element " + i);
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void zeroAllOfAViewLeavesTheRestOfItsBufferAlone(DataType type) {
        INDArray whole = counting(type, 5, 6);
        INDArray view = whole.get(NDArrayIndex.interval(1, 3), NDArrayIndex.all());
        NdBuffers.zeroAll(view);
        for (int r = 0; r < 5; r++) {
            for (int c = 0; c < 6; c++) {
                double expected = r == 1 || r == 2 ? 0.0 : 1 + 6 * r + c;
                assertEquals(expected, whole.getDouble(r, c), "row " + r + ", column " + c);
            }
        }
    }
}
