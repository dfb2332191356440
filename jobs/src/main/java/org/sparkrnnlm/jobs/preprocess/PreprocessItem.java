package org.sparkrnnlm.jobs.preprocess;

import java.io.Serializable;
import org.sparkrnnlm.jobs.hadoop.BadRecords;

/**
 * What the single pass over the dump yields: a block of sentences, a rejected record, or (last in each
 * partition) the partition's tally, and for redistributed chunks how many sentences each gave
 * (partition, start, sentences triples). One cached RDD of these serves every later step, so the dump is
 * read and tokenized once.
 */
public final class PreprocessItem implements Serializable {
    private static final long serialVersionUID = 1L;
    private final SentenceBlock sentences;
    private final RawComment rejected;
    private final BadRecords tally;
    private final long[] chunkSentences;

    private PreprocessItem(SentenceBlock sentences, RawComment rejected, BadRecords tally, long[] chunkSentences) {
        this.sentences = sentences;
        this.rejected = rejected;
        this.tally = tally;
        this.chunkSentences = chunkSentences;
    }

    static PreprocessItem of(SentenceBlock s) {
        return new PreprocessItem(s, null, null, null);
    }

    static PreprocessItem of(RawComment rejected) {
        return new PreprocessItem(null, rejected, null, null);
    }

    static PreprocessItem of(BadRecords t) {
        return new PreprocessItem(null, null, t, null);
    }

    /** A redistributed chunk's sentence count: see {@link ChunkPositions}. */
    static PreprocessItem ofChunk(RecordChunk chunk, long sentences) {
        return new PreprocessItem(null, null, null, new long[] {chunk.partition(), chunk.start(), sentences});
    }

    public SentenceBlock sentences() {
        return sentences;
    }

    public RawComment rejected() {
        return rejected;
    }

    /** The partition's records read and rejected by reason. */
    public BadRecords tally() {
        return tally;
    }

    /** (partition, start, sentences) of a redistributed chunk; null otherwise. */
    long[] chunkSentences() {
        return chunkSentences;
    }
}
