package org.sparkrnnlm.core.optim;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where one example's gradient can be non-zero: per sparse array, element ranges in storage order
 * (the language model's U: one column per input word; a class-factored V: the rows of the target
 * words' classes). Every other array's gradient is dense.
 */
public final class SparseRuns {
    private final Map<String, Ranges> arrays;
    /** The run width of the array made from indices (the first), also when it has no runs. */
    private final int width;

    /** Element ranges {@code [offsets[i], offsets[i] + lengths[i])}, sorted and disjoint. */
    public record Ranges(int[] offsets, int[] lengths) {
        public int count() {
            return offsets.length;
        }
    }

    /** Runs of {@code width} elements starting at {@code index * width}; indices distinct and sorted. */
    public SparseRuns(String array, int width, int[] indices) {
        this(Map.of(array, runs(width, indices)), width);
    }

    private SparseRuns(Map<String, Ranges> arrays, int width) {
        this.arrays = new LinkedHashMap<>(arrays);
        this.width = width;
    }

    /** The runs of the first {@code count} indices, deduplicated and sorted. */
    public static SparseRuns of(String array, int width, int[] indices, int count) {
        return new SparseRuns(array, width, Arrays.stream(indices, 0, count).distinct().sorted().toArray());
    }

    private static Ranges runs(int width, int[] indices) {
        int[] offsets = new int[indices.length];
        int[] lengths = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            offsets[i] = indices[i] * width;
            lengths[i] = width;
        }
        return new Ranges(offsets, lengths);
    }

    /** These runs and another array's ranges. */
    public SparseRuns and(String array, Ranges ranges) {
        SparseRuns both = new SparseRuns(arrays, width);
        both.arrays.put(array, ranges);
        return both;
    }

    /** The first sparse array (U's columns for the language model): what a packed gradient message keeps sparse. */
    public String array() {
        return arrays.keySet().iterator().next();
    }

    /** The run length of {@link #array()}. */
    public int width() {
        return width;
    }

    /** The runs of {@link #array()} as indices: run i starts at {@code indices()[i] * width()}. */
    public int[] indices() {
        Ranges r = arrays.get(array());
        int[] out = new int[r.count()];
        for (int i = 0; i < out.length; i++) out[i] = r.offsets()[i] / width;
        return out;
    }

    /** The array's ranges, or null when its gradient is dense. */
    public Ranges ranges(String array) {
        return arrays.get(array);
    }
}
