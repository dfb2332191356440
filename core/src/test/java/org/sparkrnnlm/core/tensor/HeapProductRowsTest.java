package org.sparkrnnlm.core.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class HeapProductRowsTest {
    private static final int STEPS = 11;
    private static final int ROWS = 50;

    @BeforeEach
    void needsTheVectorModule() {
        assumeTrue(VectorSupport.available(), "the JVM runs without jdk.incubator.vector");
    }

    /** A STEPS x width float view whose rows lie {@code width + 3} elements apart, as a view of a wider buffer. */
    private static INDArray strided(int width, long seed) {
        Random r = new Random(seed);
        INDArray wide = Nd4j.create(DataType.FLOAT, STEPS + 2, width + 3);
        for (int i = 0; i < wide.length(); i++) wide.putScalar(i, r.nextGaussian());
        return wide.get(NDArrayIndex.interval(1, 1 + STEPS), NDArrayIndex.interval(2, 2 + width));
    }

    /** Widths of one lane group, several with a partial last group, and of several pairs of groups. */
    @ParameterizedTest(name = "width {0}, rows {1} from {2}")
    @CsvSource({"16,13,7", "17,4,0", "50,13,7", "100,1,49", "100,50,0", "131,6,3"})
    void aBlockOfRowsIsTheSumOverStepsOfLeftColumnTimesRightRow(int width, int count, int from) {
        assumeTrue(width >= ProductLanes.LANES, "wider lanes than the width");
        INDArray left = strided(ROWS, 1);
        INDArray right = strided(width, 2);
        HeapProductRows rows = new HeapProductRows();
        rows.load(left, right);
        float[] out = rows.rows(from, count);
        for (int i = 0; i < count; i++) {
            for (int k = 0; k < width; k++) {
                double sum = 0;
                for (int t = 0; t < STEPS; t++) sum += left.getDouble(t, from + i) * right.getDouble(t, k);
                assertEquals(sum, out[i * width + k], 1e-5 * Math.max(1, Math.abs(sum)), "row " + (from + i) + ", column " + k);
            }
        }
    }

    @Test
    void aRowIsTheSameWhicheverBlockMakesIt() {
        int width = 50;
        HeapProductRows rows = new HeapProductRows();
        rows.load(strided(ROWS, 3), strided(width, 4));
        float[] whole = Arrays.copyOf(rows.rows(0, 12), 12 * width);
        float[] tail = Arrays.copyOf(rows.rows(9, 3), 3 * width);
        assertArrayEquals(Arrays.copyOfRange(whole, 9 * width, 12 * width), tail);
    }

    @Test
    void onlyFloatOperandsWithRowsOfAtLeastOneLaneGroupFit() {
        INDArray left = Nd4j.create(DataType.FLOAT, STEPS, ROWS);
        assertTrue(HeapProductRows.fits(left, Nd4j.create(DataType.FLOAT, STEPS, ProductLanes.LANES)));
        assertFalse(HeapProductRows.fits(left, Nd4j.create(DataType.FLOAT, STEPS, ProductLanes.LANES - 1)));
        assertFalse(HeapProductRows.fits(Nd4j.create(DataType.DOUBLE, STEPS, ROWS), Nd4j.create(DataType.DOUBLE, STEPS, 64)));
    }
}
