package org.sparkrnnlm.jobs.preprocess;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;
import org.sparkrnnlm.core.text.Vocabulary;
import org.sparkrnnlm.core.text.VocabularyRanking.WordCount;
import org.sparkrnnlm.core.text.VocabularyRanking;
import org.sparkrnnlm.jobs.hadoop.BadRecords;
import scala.Tuple2;

/**
 * Word counts over the whole dump in Spark, and the vocabulary they give, ranked by
 * {@link VocabularyRanking}: the C-1 most frequent tokens (ties by first occurrence in the dump) and
 * UNKNOWN_TOKEN. Only the top of the ranking travels to the driver, so a dump with millions of
 * distinct tokens costs no driver memory.
 */
public final class VocabularyCounter {
    private static final int MERGE_TASKS_PER_CORE = 4;
    /** Tokens never contain a space, so this key cannot collide with a word. */
    private static final String TALLY = " tally";
    /** Nor this one: the sentence counts of redistributed chunks. */
    private static final String CHUNKS = " chunks";
    private final JavaPairRDD<String, Object> merged;
    private final JavaRDD<WordCount> counts;
    private final CountSummary summary;

    /**
     * Counts in the same pass that tokenizes (and caches) the dump: each partition counts into one
     * hash map, and its record tally travels as one more entry under a key no word can have. The merged
     * counts then give the tally, the totals and the vocabulary's candidates in two small jobs.
     */
    public VocabularyCounter(JavaRDD<PreprocessItem> items) {
        // Each partition's keys are already distinct: combining map-side would only hash and sort them again.
        // A few merge tasks per core: one per input partition made each small job after it run hundreds of tasks.
        int partitions = Math.max(1, Math.min(items.getNumPartitions(), MERGE_TASKS_PER_CORE * items.context().defaultParallelism()));
        this.merged = items.mapPartitionsToPair(VocabularyCounter::countPartition)
                .combineByKey(v -> v, VocabularyCounter::merge, VocabularyCounter::merge, new HashPartitioner(partitions), false, null)
                .persist(StorageLevel.MEMORY_AND_DISK());
        this.summary = merged.values().aggregate(CountSummary.empty(), CountSummary::add, CountSummary::merge);
        this.counts = merged.filter(t -> !t._1().equals(TALLY) && !t._1().equals(CHUNKS)).map(t -> (WordCount) t._2());
    }

    private static Iterator<Tuple2<String, Object>> countPartition(Iterator<PreprocessItem> items) {
        Map<String, WordCount> words = new HashMap<>();
        List<Tuple2<String, Object>> out = new ArrayList<>();
        while (items.hasNext()) {
            PreprocessItem item = items.next();
            SentenceBlock s = item.sentences();
            if (s != null) {
                // The markers count once per sentence, as in the tutorial, where they are tokens of the text.
                s.countInto(words);
            } else if (item.tally() != null) {
                out.add(new Tuple2<>(TALLY, item.tally()));
            } else if (item.chunkSentences() != null) {
                out.add(new Tuple2<>(CHUNKS, item.chunkSentences()));
            }
        }
        for (WordCount c : words.values()) out.add(new Tuple2<>(c.word(), c));
        return out.iterator();
    }

    /** A word's counts merge as counts do, the partitions' tallies add up, chunk counts gather. */
    private static Object merge(Object a, Object b) {
        if (a instanceof WordCount c) return c.merge((WordCount) b);
        if (a instanceof long[] x) return ChunkPositions.concat(x, (long[]) b);
        return ((BadRecords) a).plus((BadRecords) b);
    }

    /** Sentences counted: SENTENCE_START occurs once in each. */
    public long sentences() {
        return summary.sentences();
    }

    /** Records read and rejected, from the same pass. */
    public BadRecords tally() {
        return summary.tally();
    }

    /** (partition, start, sentences) of every redistributed chunk: see {@link ChunkPositions}. */
    long[] chunkSentences() {
        return summary.chunkSentences();
    }

    /** Distinct tokens, the markers included. */
    public long distinct() {
        return summary.distinct();
    }

    /** All tokens, the markers included. */
    public long tokens() {
        return summary.tokens();
    }

    public Vocabulary vocabulary(int size) {
        return VocabularyRanking.vocabulary(counts.takeOrdered(VocabularyRanking.candidates(size), VocabularyRanking.BY_RANK),
                size, summary.tokens());
    }

    public void release() {
        merged.unpersist();
    }
}
