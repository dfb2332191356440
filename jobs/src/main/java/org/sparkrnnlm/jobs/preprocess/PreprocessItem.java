package org.sparkrnnlm.jobs.preprocess;

import java.io.Serializable;
import org.sparkrnnlm.jobs.hadoop.BadRecords;

/**
 * What the single pass over the dump yields: a block of sentences, a rejected record, or (last in each
 * partition) the partition's tally. One cached RDD of these serves every later step, so the dump is
 * read and tokenized once.
 */
public final class PreprocessItem implements Serializable {
    private static final long serialVersionUID = 1L;
    private final SentenceBlock sentences;
    private final RawComment rejected;
    private final BadRecords tally;

    private PreprocessItem(SentenceBlock sentences, RawComment rejected, BadRecords tally) {
        this.sentences = sentences;
        this.rejected = rejected;
        this.tally = tally;
    }

    static PreprocessItem of(SentenceBlock s) {
        return new PreprocessItem(s, null, null);
    }

    static PreprocessItem of(RawComment rejected) {
        return new PreprocessItem(null, rejected, null);
    }

    static PreprocessItem of(BadRecords t) {
        return new PreprocessItem(null, null, t);
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
}
