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

    /** Element ranges {@code [offsets[i], offsets[i] + lengths[i])}, sorted and disjoint. */
    public record Ranges(int[] offsets, int[] lengths) {
        public int count() {
            return offsets.length;
        }
    }

    /** Runs of {@code width} elements starting at {@code index * width}; indices distinct and sorted. */
    public SparseRuns(String array, int width, int[] indices) {
        this(Map.of(array, runs(width, indices)));
    }

    private SparseRuns(Map<String, Ranges> arrays) {
        this.arrays = new LinkedHashMap<>(arrays);
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
        SparseRuns both = new SparseRuns(arrays);
        both.arrays.put(array, ranges);
        return both;
    }

    /** The array's ranges, or null when its gradient is dense. */
    public Ranges ranges(String array) {
        return arrays.get(array);
    }
}
