package org.sparkrnnlm.jobs.preprocess;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;
import org.sparkrnnlm.core.text.Vocabulary;
import scala.Tuple2;

/**
 * Word counts over the whole dump in Spark, and the vocabulary they give: the C-1 most frequent
 * tokens (ties by first occurrence in the dump) and UNKNOWN_TOKEN. Only the top of the ranking
 * travels to the driver, so a dump with millions of distinct tokens costs no driver memory.
 */
public final class VocabularyCounter {
    /** A word's count and the position of its first occurrence (a class: Kryo 4 cannot set a record's fields). */
    public static final class Count implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String word;
        private final long count;
        private final long first;

        Count(String word, long count, long first) {
            this.word = word;
            this.count = count;
            this.first = first;
        }

        public String word() {
            return word;
        }

        public long count() {
            return count;
        }

        public long first() {
            return first;
        }
    }

    /** Orders by count, descending, then by first occurrence. */
    static final class ByRank implements Comparator<Count>, Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public int compare(Count a, Count b) {
            int byCount = Long.compare(b.count(), a.count());
            return byCount != 0 ? byCount : Long.compare(a.first(), b.first());
        }
    }

    /** Tokens never contain a space, so this key cannot collide with a word. */
    private static final String TALLY = " tally";
    private final JavaRDD<Count> counts;
    private final long tokens;
    private final long sentences;
    private final PreprocessItem.Tally tally;

    /**
     * Counts in the same pass that tokenizes (and caches) the dump: each partition counts into one
     * hash map, and its record tally travels as one more entry under a key no word can have.
     */
    public VocabularyCounter(JavaRDD<PreprocessItem> items) {
        JavaPairRDD<String, long[]> merged = items.mapPartitionsToPair(VocabularyCounter::countPartition)
                .reduceByKey(VocabularyCounter::merge)
                .persist(StorageLevel.MEMORY_AND_DISK());
        this.tally = PreprocessItem.Tally.of(merged.filter(t -> t._1().equals(TALLY)).values()
                .fold(new long[0], VocabularyCounter::merge));
        this.counts = merged.filter(t -> !t._1().equals(TALLY)).map(t -> new Count(t._1(), t._2()[0], t._2()[1]))
                .persist(StorageLevel.MEMORY_AND_DISK());
        this.tokens = counts.map(Count::count).fold(0L, Long::sum);
        this.sentences = counts.filter(c -> c.word().equals(Vocabulary.SENTENCE_START)).map(Count::count).fold(0L, Long::sum);
        merged.unpersist();
    }

    private static java.util.Iterator<Tuple2<String, long[]>> countPartition(java.util.Iterator<PreprocessItem> items) {
        java.util.HashMap<String, long[]> words = new java.util.HashMap<>();
        List<Tuple2<String, long[]>> out = new ArrayList<>();
        while (items.hasNext()) {
            PreprocessItem item = items.next();
            TokenizedSentence s = item.sentence();
            if (s != null) {
                // The markers count once per sentence, as in the tutorial, where they are tokens of the text.
                count(words, Vocabulary.SENTENCE_START, s.position());
                for (String t : s.tokens()) count(words, t, s.position());
                count(words, Vocabulary.SENTENCE_END, s.position());
            } else if (item.tally() != null) {
                out.add(new Tuple2<>(TALLY, item.tally().toArray()));
            }
        }
        words.forEach((w, c) -> out.add(new Tuple2<>(w, c)));
        return out.iterator();
    }

    private static void count(java.util.Map<String, long[]> words, String word, long position) {
        long[] c = words.get(word);
        if (c == null) words.put(word, new long[] {1, position});
        else c[0]++;
    }

    /** Word entries are {count, first position}; the tally entry is longer and adds up element-wise. */
    private static long[] merge(long[] a, long[] b) {
        if (a.length == 0) return b;
        if (b.length == 0) return a;
        if (a.length == 2) return new long[] {a[0] + b[0], Math.min(a[1], b[1])};
        long[] sum = a.clone();
        for (int i = 0; i < sum.length; i++) sum[i] += b[i];
        return sum;
    }

    /** Sentences counted: SENTENCE_START occurs once in each. */
    public long sentences() {
        return sentences;
    }

    /** Records read and rejected, from the same pass. */
    public PreprocessItem.Tally tally() {
        return tally;
    }

    /** Distinct tokens, the markers included. */
    public long distinct() {
        return counts.count();
    }

    /** All tokens, the markers included. */
    public long tokens() {
        return tokens;
    }

    public Vocabulary vocabulary(int size) {
        List<Count> top = new ArrayList<>(counts.takeOrdered(size + 1, new ByRank()));
        top.sort(Comparator.comparingLong(Count::first));
        Map<String, Long> ordered = new LinkedHashMap<>();
        for (Count c : top) ordered.put(c.word(), c.count());
        Vocabulary v = Vocabulary.fromCounts(ordered, size);
        long kept = 0;
        for (int id = 0; id < v.unknownId(); id++) kept += v.count(id);
        return v.withUnknownCount(tokens - kept);
    }

    public void release() {
        counts.unpersist();
    }
}
