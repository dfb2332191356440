package org.sparkrnnlm.core.store;

import java.util.Arrays;
import java.util.Objects;

/** A dense array in C (row-major) order, float32, float64 or int32. Immutable shape; data arrays are not copied. */
public final class NpyArray {
    private final long[] shape;
    private final float[] floats;
    private final double[] doubles;
    private final int[] ints;

    private NpyArray(long[] shape, float[] floats, double[] doubles, int[] ints) {
        this.shape = shape;
        this.floats = floats;
        this.doubles = doubles;
        this.ints = ints;
    }

    public static NpyArray ofFloats(long[] shape, float[] data) {
        Objects.requireNonNull(data, "data");
        return new NpyArray(checkedShape(shape, data.length), data, null, null);
    }

    public static NpyArray ofDoubles(long[] shape, double[] data) {
        Objects.requireNonNull(data, "data");
        return new NpyArray(checkedShape(shape, data.length), null, data, null);
    }

    /** Integers, such as a class-factored model's word classes. */
    public static NpyArray ofInts(long[] shape, int[] data) {
        Objects.requireNonNull(data, "data");
        return new NpyArray(checkedShape(shape, data.length), null, null, data);
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

    public boolean isInt() {
        return ints != null;
    }

    public long[] shape() {
        return shape.clone();
    }

    public int length() {
        return isDouble() ? doubles.length : isInt() ? ints.length : floats.length;
    }

    public float[] floats() {
        if (floats == null) {
            throw new IllegalStateException("array is " + dtypeName() + ", not float32");
        }
        return floats;
    }

    public double[] doubles() {
        if (!isDouble()) {
            throw new IllegalStateException("array is " + dtypeName() + ", not float64");
        }
        return doubles;
    }

    public int[] ints() {
        if (!isInt()) {
            throw new IllegalStateException("array is " + dtypeName() + ", not int32");
        }
        return ints;
    }

    public String dtypeName() {
        return isDouble() ? "float64" : isInt() ? "int32" : "float32";
    }

    @Override
    public String toString() {
        return dtypeName() + Arrays.toString(shape);
    }
}
