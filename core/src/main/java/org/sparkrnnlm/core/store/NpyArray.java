package org.sparkrnnlm.core.store;

import java.util.Arrays;
import java.util.Objects;

/** A dense array in C (row-major) order, float32 or float64. Immutable shape; data arrays are not copied. */
public final class NpyArray {
    private final long[] shape;
    private final float[] floats;
    private final double[] doubles;

    private NpyArray(long[] shape, float[] floats, double[] doubles) {
        this.shape = shape;
        this.floats = floats;
        this.doubles = doubles;
    }

    public static NpyArray ofFloats(long[] shape, float[] data) {
        Objects.requireNonNull(data, "data");
        return new NpyArray(checkedShape(shape, data.length), data, null);
    }

    public static NpyArray ofDoubles(long[] shape, double[] data) {
        Objects.requireNonNull(data, "data");
        return new NpyArray(checkedShape(shape, data.length), null, data);
    }

    private static long[] checkedShape(long[] shape, int length) {
        long[] copy = Objects.requireNonNull(shape, "shape").clone();
        long count = 1;
        for (long d : copy) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(copy));
            }
            // Clamped so huge shapes cannot overflow; only "equals length or not" matters.
            count = Math.min(count * Math.min(d, length + 1L), length + 1L);
        }
        if (count != length) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(copy) + " does not match " + length + " data elements");
        }
        return copy;
    }

    public boolean isDouble() {
        return doubles != null;
    }

    public long[] shape() {
        return shape.clone();
    }

    public int length() {
        return isDouble() ? doubles.length : floats.length;
    }

    public float[] floats() {
        if (isDouble()) {
            throw new IllegalStateException("array is float64, not float32");
        }
        return floats;
    }

    public double[] doubles() {
        if (!isDouble()) {
            throw new IllegalStateException("array is float32, not float64");
        }
        return doubles;
    }

    public String dtypeName() {
        return isDouble() ? "float64" : "float32";
    }

    @Override
    public String toString() {
        return dtypeName() + Arrays.toString(shape);
    }
}
