package org.sparkrnnlm.jobs.regression;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sparkrnnlm.jobs.hadoop.BadRecords;

/**
 * What one partition holds: rows read, rejections by reason, and how many good rows have each
 * shape, shapes in order of first appearance (so the dataset's shape is its first good row's).
 * Travels as plain arrays, for Kryo.
 */
final class SequenceTally implements Serializable {
    private static final long serialVersionUID = 1L;
    private final BadRecords read = BadRecords.of(SequenceRejectReason.class);
    /** inputSize, outputSize, form ordinal (-1 for a row without target) per shape. */
    private int[] shapes = new int[0];
    private long[] shapeCounts = new long[0];

    /** Tallies a partition's records. */
    static SequenceTally of(Iterator<SequenceRecord> records) {
        SequenceTally tally = new SequenceTally();
        Map<SequenceShape, Long> counts = new LinkedHashMap<>();
        while (records.hasNext()) {
            SequenceRecord r = records.next();
            tally.read.read(r.reason());
            if (!r.isRejected()) counts.merge(r.shape(), 1L, Long::sum);
        }
        tally.shapes = new int[3 * counts.size()];
        tally.shapeCounts = new long[counts.size()];
        int i = 0;
        for (Map.Entry<SequenceShape, Long> e : counts.entrySet()) {
            tally.shapes[3 * i] = e.getKey().inputSize();
            tally.shapes[3 * i + 1] = e.getKey().outputSize();
            tally.shapes[3 * i + 2] = e.getKey().form() == null ? -1 : e.getKey().form().ordinal();
            tally.shapeCounts[i++] = e.getValue();
        }
        return tally;
    }

    long rows() {
        return read.records();
    }

    /** Rows read and rejected by the parsers, by reason. */
    BadRecords read() {
        return read;
    }

    /** The shapes of the good rows, first seen first. */
    List<SequenceShape> shapes() {
        List<SequenceShape> out = new ArrayList<>();
        for (int i = 0; i < shapeCounts.length; i++) {
            int form = shapes[3 * i + 2];
            out.add(new SequenceShape(shapes[3 * i], shapes[3 * i + 1], form < 0 ? null : TargetForm.values()[form]));
        }
        return out;
    }

    /** Good rows of the given shape. */
    long count(SequenceShape shape) {
        List<SequenceShape> seen = shapes();
        int i = seen.indexOf(shape);
        return i < 0 ? 0 : shapeCounts[i];
    }

    /** Good rows that fit the dataset's shape (rows without target included, when they were read). */
    long fitting(SequenceShape dataset) {
        long n = 0;
        for (SequenceShape s : shapes()) if (dataset.mismatch(s) == null) n += count(s);
        return n;
    }

    @Override
    public String toString() {
        return read + ", shapes " + shapes() + " " + Arrays.toString(shapeCounts);
    }
}
