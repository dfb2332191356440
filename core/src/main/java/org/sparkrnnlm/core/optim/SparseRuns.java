package org.sparkrnnlm.core.optim;

import java.util.Arrays;

/**
 * Where one example's gradient can be non-zero in one array: runs of {@code width} elements
 * starting at {@code index * width} in storage order (the language model's U: one column per
 * input word). Every other array's gradient is dense. Indices are distinct and sorted.
 */
public record SparseRuns(String array, int width, int[] indices) {

    public static SparseRuns of(String array, int width, int[] indices, int count) {
        return new SparseRuns(array, width, Arrays.stream(indices, 0, count).distinct().sorted().toArray());
    }
}
