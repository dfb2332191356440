package org.sparkrnnlm.jobs.preprocess;

import java.util.Locale;
import org.sparkrnnlm.jobs.hadoop.BadRecords;

/** Why a record read from a dump did not become a comment body. */
public enum RejectReason implements BadRecords.Reason {
    MALFORMED_CSV, MALFORMED_JSON, INVALID_UTF8, TOO_LONG, MISSING_BODY, EMPTY, DELETED, REMOVED;

    /** Lower snake case ("malformed_csv"): the key of this reason in stats.json. */
    @Override
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * True for damaged input. Empty, deleted and removed comments are normal in Reddit dumps: they
     * are skipped and counted but must not push a job over --max-bad-fraction.
     */
    @Override
    public boolean countsAsBad() {
        return switch (this) {
            case EMPTY, DELETED, REMOVED -> false;
            default -> true;
        };
    }

    /** The reason a well-formed comment body is skipped: DELETED, REMOVED, EMPTY, or null to keep it. */
    public static RejectReason forBody(String body) {
        String b = body.strip();
        if (b.isEmpty()) return EMPTY;
        if (b.equals("[deleted]")) return DELETED;
        if (b.equals("[removed]")) return REMOVED;
        return null;
    }
}
