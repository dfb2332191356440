package org.sparkrnnlm.jobs.preprocess;

import java.io.Serializable;

/**
 * What the single pass over the dump yields: a sentence, a rejected record, or (last in each
 * partition) the partition's tally. One cached RDD of these serves every later step, so the dump is
 * read and tokenized once.
 */
public final class PreprocessItem implements Serializable {
    private static final long serialVersionUID = 1L;
    private final TokenizedSentence sentence;
    private final RawComment rejected;
    private final Tally tally;

    private PreprocessItem(TokenizedSentence sentence, RawComment rejected, Tally tally) {
        this.sentence = sentence;
        this.rejected = rejected;
        this.tally = tally;
    }

    static PreprocessItem of(TokenizedSentence s) {
        return new PreprocessItem(s, null, null);
    }

    static PreprocessItem of(RawComment rejected) {
        return new PreprocessItem(null, rejected, null);
    }

    static PreprocessItem of(Tally t) {
        return new PreprocessItem(null, null, t);
    }

    public TokenizedSentence sentence() {
        return sentence;
    }

    public RawComment rejected() {
        return rejected;
    }

    public Tally tally() {
        return tally;
    }

    /** Records read and rejected, by reason, with add and merge. */
    public static final class Tally implements Serializable {
        private static final long serialVersionUID = 1L;
        private long records;
        private final long[] rejected = new long[RejectReason.values().length];

        void add(RawComment r) {
            records++;
            if (r.isRejected()) rejected[r.reason().ordinal()]++;
        }

        /** records, then the rejections by reason ordinal: the form it travels in. */
        long[] toArray() {
            long[] a = new long[rejected.length + 1];
            a[0] = records;
            System.arraycopy(rejected, 0, a, 1, rejected.length);
            return a;
        }

        static Tally of(long[] a) {
            Tally t = new Tally();
            if (a.length == 0) return t;
            t.records = a[0];
            System.arraycopy(a, 1, t.rejected, 0, t.rejected.length);
            return t;
        }

        public Tally merge(Tally other) {
            records += other.records;
            for (int i = 0; i < rejected.length; i++) rejected[i] += other.rejected[i];
            return this;
        }

        public long records() {
            return records;
        }

        public java.util.Map<RejectReason, Long> rejected() {
            java.util.Map<RejectReason, Long> out = new java.util.EnumMap<>(RejectReason.class);
            for (RejectReason r : RejectReason.values()) if (rejected[r.ordinal()] > 0) out.put(r, rejected[r.ordinal()]);
            return out;
        }
    }
}
