package org.sparkrnnlm.jobs.preprocess;

import java.io.Serializable;
import java.util.Objects;
import org.sparkrnnlm.jobs.hadoop.BadRecordJson;
import org.sparkrnnlm.jobs.hadoop.BadRecords;

/**
 * One record read from a dump: a comment body, or a rejection with its reason, the start of the
 * raw record (at most {@link #MAX_RAW_START} chars, so a 50 MB record costs nothing downstream)
 * and where it came from. A comment may carry the dump's {@code id}, {@code author}, {@code subreddit}
 * and {@code created_utc} (null where the record has none, and always when the reader was not asked
 * for them: preprocess needs only bodies). Plain final fields: Kryo's field serializer handles it
 * once registered.
 */
public final class RawComment implements Serializable, BadRecords.Rejectable {
    private static final long serialVersionUID = 1L;
    public static final int MAX_RAW_START = BadRecordJson.MAX_RAW_START;

    private final String body;
    private final RejectReason reason;
    private final String rawStart;
    private final String source;
    private final String id;
    private final String author;
    private final String subreddit;
    private final Long createdUtc;

    private RawComment(String body, RejectReason reason, String rawStart, String source, String id, String author, String subreddit,
                       Long createdUtc) {
        this.body = body;
        this.reason = reason;
        this.rawStart = rawStart;
        this.source = source;
        this.id = id;
        this.author = author;
        this.subreddit = subreddit;
        this.createdUtc = createdUtc;
    }

    public static RawComment body(String body) {
        return body(body, null, null, null, null);
    }

    /** A comment with what the dump says about it; any of them may be null. */
    public static RawComment body(String body, String id, String author, String subreddit, Long createdUtc) {
        return new RawComment(Objects.requireNonNull(body, "body"), null, null, null, id, author, subreddit, createdUtc);
    }

    public static RawComment rejected(RejectReason reason, String rawStart, String source) {
        return new RawComment(null, Objects.requireNonNull(reason, "reason"), BadRecordJson.clip(rawStart == null ? "" : rawStart),
                source == null ? "" : source, null, null, null, null);
    }

    /** The dump's {@code created_utc} as whole seconds: a number, or a string holding one; null for anything else. */
    static Long epochSeconds(String text) {
        if (text == null || text.isBlank()) return null;
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            try {
                double d = Double.parseDouble(text.strip());
                return Double.isFinite(d) ? (long) d : null;
            } catch (NumberFormatException notANumber) {
                return null;
            }
        }
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

    /** The dump's comment id, or null. */
    public String id() {
        return id;
    }

    public String author() {
        return author;
    }

    public String subreddit() {
        return subreddit;
    }

    /** Seconds since the epoch, or null. */
    public Long createdUtc() {
        return createdUtc;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawComment r && Objects.equals(body, r.body) && reason == r.reason
                && Objects.equals(rawStart, r.rawStart) && Objects.equals(source, r.source) && Objects.equals(id, r.id)
                && Objects.equals(author, r.author) && Objects.equals(subreddit, r.subreddit) && Objects.equals(createdUtc, r.createdUtc);
    }

    @Override
    public int hashCode() {
        return Objects.hash(body, reason, rawStart, source, id, author, subreddit, createdUtc);
    }

    @Override
    public String toString() {
        return isRejected() ? reason.label() + " at " + source + ": " + rawStart : "comment: " + body;
    }
}
