package org.sparkrnnlm.jobs.hadoop;

import java.io.Serializable;
import java.util.EnumMap;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;

/**
 * The records a read rejects, for every job that reads records (preprocess's comments, the
 * regression commands' sequence rows): counted by reason, written to --bad-records as
 * {@link BadRecordJson} lines, and held to --max-bad-fraction. An instance is a tally of records
 * read and rejected by reason; it travels between Spark tasks as plain fields (register it with Kryo).
 */
public final class BadRecords implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Why a record was rejected: an enum of a reader's reasons. */
    public interface Reason {
        /** Lower snake case ("malformed_json"): the reason's name in counts and --bad-records. */
        String label();

        /** True for damaged input, which counts towards --max-bad-fraction (every reason unless it says otherwise). */
        default boolean countsAsBad() {
            return true;
        }

        /** The enum constant's ordinal: a tally counts by it. */
        int ordinal();
    }

    /** A record as read: good (no reason), or rejected with its reason, where it came from and the start of its text. */
    public interface Rejectable {
        /** Null for a good record. */
        Reason reason();

        String source();

        String rawStart();
    }

    private long records;
    private final long[] rejected;

    private BadRecords(int reasons) {
        this.rejected = new long[reasons];
    }

    /** An empty tally for the reasons of one enum. */
    public static <R extends Enum<R> & Reason> BadRecords of(Class<R> reasons) {
        return new BadRecords(reasons.getEnumConstants().length);
    }

    /** One record read: good when {@code reason} is null, else rejected for it. */
    public void read(Reason reason) {
        records++;
        if (reason != null) rejected[reason.ordinal()]++;
    }

    /** {@code count} records already read found bad afterwards (a misfit found once all was read). */
    public void reject(Reason reason, long count) {
        rejected[reason.ordinal()] += count;
    }

    /** The tally of both (neither changes). */
    public BadRecords plus(BadRecords other) {
        BadRecords sum = new BadRecords(rejected.length);
        sum.records = records + other.records;
        for (int i = 0; i < rejected.length; i++) sum.rejected[i] = rejected[i] + other.rejected[i];
        return sum;
    }

    /** Records read, good and rejected. */
    public long records() {
        return records;
    }

    public long rejected(Reason reason) {
        return rejected[reason.ordinal()];
    }

    /** The rejections by reason, only reasons that occurred, in reason order. */
    public <R extends Enum<R> & Reason> Map<R, Long> byReason(Class<R> reasons) {
        Map<R, Long> out = new EnumMap<>(reasons);
        for (R r : reasons.getEnumConstants()) if (rejected[r.ordinal()] > 0) out.put(r, rejected[r.ordinal()]);
        return out;
    }

    /** The rejections that count as bad: {@link Reason#countsAsBad()}. */
    public static long bad(Map<? extends Reason, Long> rejected) {
        long bad = 0;
        for (Map.Entry<? extends Reason, Long> e : rejected.entrySet()) if (e.getKey().countsAsBad()) bad += e.getValue();
        return bad;
    }

    /**
     * Throws BadInputException when more than {@code max} of the {@code read} records are
     * bad, with one line: "{bad} of {read} {badOnes} ({percent}%[: {details}]), over {limit} {max}[:
     * see {where}]", e.g. "12 of 100 rows are bad (12.00%: not_finite 12), over the max bad fraction
     * 0.05". details and where may be null.
     */
    public static void checkFraction(long bad, long read, double max, String badOnes, String limit, String details, String where) {
        double fraction = (double) bad / read;
        if (fraction > max) {
            throw new BadInputException(String.format("%,d of %,d %s (%.2f%%%s), over %s %s%s", bad, read, badOnes,
                    100 * fraction, details == null ? "" : ": " + details, limit, max, where == null ? "" : ": see " + where));
        }
    }

    /** Writes the rejected ones of {@code records} to the new directory {@code dir}, one {@link BadRecordJson} line each. */
    public static <T extends Rejectable> void write(JavaRDD<T> records, String dir) {
        records.filter(r -> r.reason() != null)
                .map(r -> BadRecordJson.of(r.reason().label(), r.source(), r.rawStart()))
                .saveAsTextFile(dir);
    }

    @Override
    public String toString() {
        return records + " records, rejected " + java.util.Arrays.toString(rejected);
    }
}
