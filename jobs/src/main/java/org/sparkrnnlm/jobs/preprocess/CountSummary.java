package org.sparkrnnlm.jobs.preprocess;

import java.io.Serializable;
import org.sparkrnnlm.core.text.Vocabulary;
import org.sparkrnnlm.core.text.VocabularyRanking.WordCount;
import org.sparkrnnlm.jobs.hadoop.BadRecords;

/**
 * What the driver needs from the merged word counts besides the vocabulary's candidates, gathered in one
 * pass: the record tally, the chunks' sentence counts, all tokens, sentences and distinct tokens. An
 * aggregator: {@link #add} takes one merged entry, {@link #merge} joins two partitions' summaries.
 */
public final class CountSummary implements Serializable {
    private static final long serialVersionUID = 1L;
    // Not final: add and merge update them in place, and Kryo sets them when a summary comes back from a task.
    private BadRecords tally;
    private long[] chunkSentences;
    private long tokens;
    private long sentences;
    private long distinct;

    /** For Kryo; {@link #empty} for a summary to add to. */
    private CountSummary() {
    }

    static CountSummary empty() {
        CountSummary s = new CountSummary();
        s.tally = BadRecords.of(RejectReason.class);
        s.chunkSentences = new long[0];
        return s;
    }

    /** Adds one merged entry (a tally, a chunk list or a word's count) and returns this summary, as Spark's aggregate allows. */
    CountSummary add(Object entry) {
        if (entry instanceof BadRecords t) {
            tally = tally.plus(t);
        } else if (entry instanceof long[] c) {
            chunkSentences = ChunkPositions.concat(chunkSentences, c);
        } else {
            WordCount w = (WordCount) entry;
            tokens += w.count();
            if (w.word().equals(Vocabulary.SENTENCE_START)) sentences += w.count();
            distinct++;
        }
        return this;
    }

    /** Adds another partition's summary into this one and returns this. */
    CountSummary merge(CountSummary o) {
        tally = tally.plus(o.tally);
        chunkSentences = ChunkPositions.concat(chunkSentences, o.chunkSentences);
        tokens += o.tokens;
        sentences += o.sentences;
        distinct += o.distinct;
        return this;
    }

    BadRecords tally() {
        return tally;
    }

    long[] chunkSentences() {
        return chunkSentences;
    }

    long tokens() {
        return tokens;
    }

    long sentences() {
        return sentences;
    }

    long distinct() {
        return distinct;
    }
}
