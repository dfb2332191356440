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

    private final JavaRDD<Count> counts;
    private final long tokens;
    private final long sentences;

    public VocabularyCounter(JavaRDD<TokenizedSentence> sentences) {
        JavaPairRDD<String, long[]> pairs = sentences.flatMapToPair(s -> {
            List<Tuple2<String, long[]>> out = new ArrayList<>(s.tokens().size() + 2);
            // The markers count once per sentence, as in the tutorial, where they are tokens of the text.
            out.add(new Tuple2<>(Vocabulary.SENTENCE_START, new long[] {1, s.position()}));
            for (String t : s.tokens()) out.add(new Tuple2<>(t, new long[] {1, s.position()}));
            out.add(new Tuple2<>(Vocabulary.SENTENCE_END, new long[] {1, s.position()}));
            return out.iterator();
        });
        this.counts = pairs.reduceByKey((a, b) -> new long[] {a[0] + b[0], Math.min(a[1], b[1])})
                .map(t -> new Count(t._1(), t._2()[0], t._2()[1]))
                .persist(StorageLevel.MEMORY_AND_DISK());
        this.tokens = counts.map(Count::count).fold(0L, Long::sum);
        this.sentences = counts.filter(c -> c.word().equals(Vocabulary.SENTENCE_START)).map(Count::count).fold(0L, Long::sum);
    }

    /** Sentences counted: SENTENCE_START occurs once in each. */
    public long sentences() {
        return sentences;
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
