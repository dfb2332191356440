package org.sparkrnnlm.jobs.preprocess;

import java.io.Serializable;
import java.util.Objects;
import org.sparkrnnlm.jobs.hadoop.BadRecordJson;
import org.sparkrnnlm.jobs.hadoop.BadRecords;

/**
 * One record read from a dump: a comment body, or a rejection with its reason, the start of the
 * raw record (at most {@link #MAX_RAW_START} chars, so a 50 MB record costs nothing downstream)
 * and where it came from. Plain final fields: Kryo's field serializer handles it once registered.
 */
public final class RawComment implements Serializable, BadRecords.Rejectable {
    private static final long serialVersionUID = 1L;
    public static final int MAX_RAW_START = BadRecordJson.MAX_RAW_START;

    private final String body;
    private final RejectReason reason;
    private final String rawStart;
    private final String source;

    private RawComment(String body, RejectReason reason, String rawStart, String source) {
        this.body = body;
        this.reason = reason;
        this.rawStart = rawStart;
        this.source = source;
    }

    public static RawComment body(String body) {
        return new RawComment(Objects.requireNonNull(body, "body"), null, null, null);
    }

    public static RawComment rejected(RejectReason reason, String rawStart, String source) {
        return new RawComment(null, Objects.requireNonNull(reason, "reason"), BadRecordJson.clip(rawStart == null ? "" : rawStart),
                source == null ? "" : source);
    }

    public boolean isRejected() {
        return reason != null;
    }

    /** The comment text; null for a rejection. */
    public String body() {
        return body;
    }

    /** Null for a comment. */
    @Override
    public RejectReason reason() {
        return reason;
    }

    /** The start of the raw record; null for a comment. */
    @Override
    public String rawStart() {
        return rawStart;
    }

    /** File and position of a rejected record; null for a comment. */
    @Override
    public String source() {
        return source;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawComment r && Objects.equals(body, r.body) && reason == r.reason
                && Objects.equals(rawStart, r.rawStart) && Objects.equals(source, r.source);
    }

    @Override
    public int hashCode() {
        return Objects.hash(body, reason, rawStart, source);
    }

    @Override
    public String toString() {
        return isRejected() ? reason.label() + " at " + source + ": " + rawStart : "comment: " + body;
    }
}
