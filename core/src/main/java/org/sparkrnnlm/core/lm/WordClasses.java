package org.sparkrnnlm.core.lm;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.sparkrnnlm.core.optim.SparseRuns;

/**
 * The word classes of a class-factored softmax: each word id's class, and the row of V that holds
 * the word. V's rows are the words sorted by class, then by id, so that the rows of one class are
 * contiguous ({@link #start}, {@link #end}) and the class array alone fixes the layout. Every
 * class holds at least one word, so the C word probabilities sum to 1.
 */
public final class WordClasses implements Serializable {
    private static final long serialVersionUID = 1L;
    private final int[] classOf;
    private final int[] rowOf;
    private final int[] wordAt;
    private final int[] starts;

    private WordClasses(int[] classOf) {
        this.classOf = classOf.clone();
        int classes = validate(this.classOf);
        this.wordAt = IntStream.range(0, classOf.length).boxed()
                .sorted(Comparator.<Integer>comparingInt(w -> classOf[w]).thenComparingInt(w -> w))
                .mapToInt(Integer::intValue).toArray();
        this.rowOf = new int[classOf.length];
        for (int row = 0; row < wordAt.length; row++) rowOf[wordAt[row]] = row;
        this.starts = new int[classes + 1];
        for (int c : classOf) starts[c + 1]++;
        for (int c = 0; c < classes; c++) starts[c + 1] += starts[c];
    }

    /** Classes as read from a model file: ids 0..N-1, each used at least once. */
    public static WordClasses of(int[] classOf) {
        return new WordClasses(classOf);
    }

    private static int validate(int[] classOf) {
        if (classOf.length == 0) throw new IllegalArgumentException("no words to put into classes");
        int classes = Arrays.stream(classOf).max().getAsInt() + 1;
        boolean[] used = new boolean[classes];
        for (int c : classOf) {
            if (c < 0) throw new IllegalArgumentException("word class " + c + " is negative");
            used[c] = true;
        }
        for (int c = 0; c < classes; c++) {
            if (!used[c]) throw new IllegalArgumentException("word class " + c + " of " + classes + " holds no word");
        }
        return classes;
    }

    /**
     * Mikolov et al. 2011's frequency binning, as the rnnlm toolkit does it: words sorted by count
     * (descending, ties by id) go into class a, and the word whose tokens carry the running total
     * past (a + 1) / N of all tokens closes it, so that each class holds about 1/N of the tokens.
     * A word never advances the class by more than one, and when only as many words are left as
     * classes each takes its own, so all N classes are used. With no counts at all every word
     * counts once.
     */
    public static WordClasses byFrequency(long[] counts, int classes) {
        if (classes < 1 || classes > counts.length) {
            throw new IllegalArgumentException("the number of classes must be in [1, " + counts.length + "], got " + classes);
        }
        long total = Arrays.stream(counts).sum();
        long[] weights = total > 0 ? counts : ones(counts.length);
        long all = total > 0 ? total : counts.length;
        int[] order = IntStream.range(0, counts.length).boxed()
                .sorted(Comparator.<Integer>comparingLong(w -> -weights[w]).thenComparingInt(w -> w))
                .mapToInt(Integer::intValue).toArray();
        int[] classOf = new int[counts.length];
        long before = 0;
        int current = 0;
        for (int i = 0; i < order.length; i++) {
            if (i > 0) current = Math.max(current, Math.min(current + 1, boundariesPassed(before, all, classes)));
            current = Math.max(current, classes - (order.length - i));
            classOf[order[i]] = current;
            before += weights[order[i]];
        }
        return new WordClasses(classOf);
    }

    /** How many of the boundaries k/N (k = 1..N-1) the share before/all lies strictly above. */
    private static int boundariesPassed(long before, long all, int classes) {
        if (before == 0) return 0;
        // k/N < before/all exactly when k * all < N * before, i.e. k <= (N * before - 1) / all.
        return (int) Math.min(classes - 1, (Math.multiplyExact(before, (long) classes) - 1) / all);
    }

    private static long[] ones(int n) {
        long[] ones = new long[n];
        Arrays.fill(ones, 1);
        return ones;
    }

    /** About sqrt(C): the class and word layers then cost about the same per token. */
    public static int defaultCount(int vocabularySize) {
        return Math.max(1, (int) Math.round(Math.sqrt(vocabularySize)));
    }

    public int vocabularySize() {
        return classOf.length;
    }

    public int classes() {
        return starts.length - 1;
    }

    public int classOf(int word) {
        return classOf[word];
    }

    /** The row of V that holds the word. */
    public int row(int word) {
        return rowOf[word];
    }

    /** The word whose weights are in V's row. */
    public int word(int row) {
        return wordAt[row];
    }

    /** The first row of the class in V. */
    public int start(int c) {
        return starts[c];
    }

    /** One past the last row of the class in V. */
    public int end(int c) {
        return starts[c + 1];
    }

    /**
     * The elements of V (row-major, {@code width} = H per row) a sentence's gradient can touch:
     * the rows of the classes of its targets (every id but the first), one range per class.
     */
    public SparseRuns.Ranges targetRows(int[] ids, int width) {
        int[] used = IntStream.range(1, ids.length).map(i -> classOf[ids[i]]).distinct().sorted().toArray();
        int[] offsets = new int[used.length];
        int[] lengths = new int[used.length];
        for (int i = 0; i < used.length; i++) {
            offsets[i] = start(used[i]) * width;
            lengths[i] = (end(used[i]) - start(used[i])) * width;
        }
        return new SparseRuns.Ranges(offsets, lengths);
    }

    /** Each word id's class, as the model file stores it. */
    public int[] toArray() {
        return classOf.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WordClasses other && Arrays.equals(classOf, other.classOf);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(classOf);
    }

    @Override
    public String toString() {
        return classes() + " classes of " + classOf.length + " words";
    }
}
