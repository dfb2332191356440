package org.sparkrnnlm.core.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD kernel of {@link HeapProductRows}: rows of {@code left^T right} four at a time, each row's
 * columns two lane groups at a time, so that eight sums are in flight against an FMA's latency (one
 * row of four groups measured half as fast). Every element is the same chain of FMAs over t in order,
 * whichever group makes it. A width that is not a multiple of the lane count ends with a
 * group that overlaps the one before: both make the shared columns alike, so the stores agree.
 */
final class ProductLanes {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    static final int LANES = SPECIES.length();

    private ProductLanes() {
    }

    /** Start columns of the lane groups covering {@code width >= LANES} columns: an even count, the last repeated if needed. */
    static int[] starts(int width) {
        int groups = (width + LANES - 1) / LANES;
        int[] starts = new int[groups + (groups & 1)];
        for (int j = 0; j < starts.length; j++) starts[j] = Math.min(j * LANES, width - LANES);
        return starts;
    }

    /**
     * Rows {@code i..i+3} of a block into {@code out} (row-major, {@code width} a row): the block's
     * column {@code i} of {@code left} at {@code tile[t * count + i]}, {@code right} steps x width.
     */
    static void fourRows(float[] tile, int count, float[] right, int width, int steps, int[] starts, int i, float[] out) {
        for (int q = 0; q < starts.length; q += 2) {
            int j0 = starts[q];
            int j1 = starts[q + 1];
            FloatVector a0 = FloatVector.zero(SPECIES);
            FloatVector a1 = a0, b0 = a0, b1 = a0, c0 = a0, c1 = a0, d0 = a0, d1 = a0;
            for (int t = 0; t < steps; t++) {
                int l = t * count + i;
                int r = t * width;
                FloatVector s0 = FloatVector.fromArray(SPECIES, right, r + j0);
                FloatVector s1 = FloatVector.fromArray(SPECIES, right, r + j1);
                FloatVector x = FloatVector.broadcast(SPECIES, tile[l]);
                a0 = s0.fma(x, a0);
                a1 = s1.fma(x, a1);
                x = FloatVector.broadcast(SPECIES, tile[l + 1]);
                b0 = s0.fma(x, b0);
                b1 = s1.fma(x, b1);
                x = FloatVector.broadcast(SPECIES, tile[l + 2]);
                c0 = s0.fma(x, c0);
                c1 = s1.fma(x, c1);
                x = FloatVector.broadcast(SPECIES, tile[l + 3]);
                d0 = s0.fma(x, d0);
                d1 = s1.fma(x, d1);
            }
            int row = i * width;
            a0.intoArray(out, row + j0);
            a1.intoArray(out, row + j1);
            b0.intoArray(out, row + width + j0);
            b1.intoArray(out, row + width + j1);
            c0.intoArray(out, row + 2 * width + j0);
            c1.intoArray(out, row + 2 * width + j1);
            d0.intoArray(out, row + 3 * width + j0);
            d1.intoArray(out, row + 3 * width + j1);
        }
    }
}
