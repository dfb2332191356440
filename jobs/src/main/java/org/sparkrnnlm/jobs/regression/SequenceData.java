package org.sparkrnnlm.jobs.regression;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.sparkrnnlm.core.regression.Sequence;

/** The good sequences {@link SequenceSource} read, their shared shape, and what was rejected. */
public final class SequenceData {
    private final JavaPairRDD<Long, Sequence> positioned;
    private final SequenceShape shape;
    private final long rowsRead;
    private final Map<SequenceRejectReason, Long> rejected;
    private final long count;

    SequenceData(JavaPairRDD<Long, Sequence> positioned, SequenceShape shape, long rowsRead,
                 Map<SequenceRejectReason, Long> rejected, long count) {
        this.positioned = positioned;
        this.shape = shape;
        this.rowsRead = rowsRead;
        this.rejected = Collections.unmodifiableMap(inReasonOrder(rejected));
        this.count = count;
    }

    /**
     * (position, sequence): positions 0 .. count() - 1 in input order, partitions in input order
     * too. Not cached: persist it when using it more than once.
     */
    public JavaPairRDD<Long, Sequence> positioned() {
        return positioned;
    }

    /** The sequences in input order. */
    public JavaRDD<Sequence> sequences() {
        return positioned.values();
    }

    /** Every sequence's input size, output size and target form. */
    public SequenceShape shape() {
        return shape;
    }

    public int inputSize() {
        return shape.inputSize();
    }

    /** K: numbers per output (per step for an every-step target). */
    public int outputSize() {
        return shape.outputSize();
    }

    public TargetForm targetForm() {
        return shape.form();
    }

    /** Good sequences. */
    public long count() {
        return count;
    }

    /** Non-blank lines read, good and bad. */
    public long rowsRead() {
        return rowsRead;
    }

    /** Rejected rows by reason; only reasons that occurred. */
    public Map<SequenceRejectReason, Long> rejected() {
        return rejected;
    }

    /** One line for the log: "1,000 rows read, 998 sequences (input size 2, output size 1 after the last step), 2 rejected (not_finite 2)". */
    public String summary() {
        long bad = rowsRead - count;
        return String.format("%,d rows read, %,d sequences (%s), %,d rejected%s", rowsRead, count, shape, bad,
                bad == 0 ? "" : " (" + describe(rejected) + ")");
    }

    /** "ragged_steps 3, not_finite 1": counts by reason, in reason order. */
    static String describe(Map<SequenceRejectReason, Long> rejected) {
        return inReasonOrder(rejected).entrySet().stream()
                .map(e -> e.getKey().label() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    private static Map<SequenceRejectReason, Long> inReasonOrder(Map<SequenceRejectReason, Long> counts) {
        Map<SequenceRejectReason, Long> out = new EnumMap<>(SequenceRejectReason.class);
        out.putAll(counts);
        return out;
    }
}
