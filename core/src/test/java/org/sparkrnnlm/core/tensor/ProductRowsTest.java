package org.sparkrnnlm.core.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class ProductRowsTest {
    private static final int STEPS = 11;
    private static final int ROWS = 40;
    private static final int WIDTH = 9;

    /** A STEPS x width view whose rows lie {@code width + 3} elements apart, as a view of a wider buffer. */
    private static INDArray strided(DataType type, int width, long seed) {
        Random r = new Random(seed);
        INDArray wide = Nd4j.create(type, STEPS + 2, width + 3);
        for (int i = 0; i < wide.length(); i++) wide.putScalar(i, r.nextGaussian());
        return wide.get(NDArrayIndex.interval(1, 1 + STEPS), NDArrayIndex.interval(2, 2 + width));
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void aBlockOfRowsIsTheSumOverStepsOfLeftColumnTimesRightRow(DataType type) {
        INDArray left = strided(type, ROWS, 1);
        INDArray right = strided(type, WIDTH, 2);
        INDArray out = Nd4j.create(type, 20, WIDTH);
        int from = 7;
        int count = 13;
        ProductRows.into(left, right, from, count, out);
        double tolerance = type == DataType.FLOAT ? 1e-5 : 1e-13;
        for (int i = 0; i < count; i++) {
            for (int k = 0; k < WIDTH; k++) {
                double sum = 0;
                for (int t = 0; t < STEPS; t++) sum += left.getDouble(t, from + i) * right.getDouble(t, k);
                assertEquals(sum, out.getDouble(i, k), tolerance, "row " + (from + i) + ", column " + k);
            }
        }
    }
}
