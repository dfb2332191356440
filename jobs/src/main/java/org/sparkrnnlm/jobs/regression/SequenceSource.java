package org.sparkrnnlm.jobs.regression;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.sparkrnnlm.core.regression.Sequence;
import org.sparkrnnlm.jobs.hadoop.BadRecords;
import org.sparkrnnlm.jobs.hadoop.HadoopInputs;
import scala.Tuple2;

/**
 * Reads regression sequences from JSON lines, one per line:
 * {@code {"inputs": [[u_0...], [u_1...], ...], "target": [y...]}} (or {@code "target": y}, or
 * {@code "target": [[y_0...], ...]} for an output at every step). Inputs are Hadoop paths: files,
 * directories, globs; .gz, .bz2 and .zst decompressed. Bad rows never fail the read one by one:
 * they are counted by reason and written to the bad-records directory; the read fails only when
 * they pass the maximum bad fraction, or when nothing good is left.
 *
 * <p>Reads the input twice (a tally of rows and shapes, then the checked rows), or three times with
 * a bad-records directory; the result is not cached, so a caller that uses it more than once should
 * persist it.
 */
public final class SequenceSource {
    public static final double DEFAULT_MAX_BAD_FRACTION = 0.05;
    public static final long DEFAULT_MAX_RECORD_BYTES = 1_000_000;
    /** What our reading puts on the wire: for RnnlmKryoRegistrator. */
    public static final Class<?>[] KRYO_CLASSES = {Sequence.class, Sequence[].class, SequenceTally.class, SequenceTally[].class};

    /**
     * What to read. expected: sizes rows must have (open parts come from the first good row);
     * badRecords: a directory to create for the rejected rows, or null.
     */
    public record Settings(List<String> inputs, SequenceShape expected, String badRecords, double maxBadFraction,
                           long maxRecordBytes, boolean targetOptional) {
        public Settings {
            inputs = List.copyOf(inputs);
            if (expected == null) throw new IllegalArgumentException("expected shape missing: use SequenceShape.ANY");
            if (!(maxBadFraction >= 0 && maxBadFraction <= 1)) {
                throw new IllegalArgumentException("the max bad fraction must be in [0, 1], got " + maxBadFraction);
            }
            if (maxRecordBytes < 1) throw new IllegalArgumentException("maxRecordBytes must be positive: " + maxRecordBytes);
        }

        /** Any shape, targets required, no bad-records directory, the default limits. */
        public static Settings of(List<String> inputs) {
            return new Settings(inputs, SequenceShape.ANY, null, DEFAULT_MAX_BAD_FRACTION, DEFAULT_MAX_RECORD_BYTES, false);
        }

        public Settings expecting(SequenceShape shape) {
            return new Settings(inputs, shape, badRecords, maxBadFraction, maxRecordBytes, targetOptional);
        }

        public Settings withBadRecords(String dir) {
            return new Settings(inputs, expected, dir, maxBadFraction, maxRecordBytes, targetOptional);
        }

        public Settings withMaxBadFraction(double fraction) {
            return new Settings(inputs, expected, badRecords, fraction, maxRecordBytes, targetOptional);
        }

        public Settings withMaxRecordBytes(long bytes) {
            return new Settings(inputs, expected, badRecords, maxBadFraction, bytes, targetOptional);
        }

        /** Rows without a target are good too (prediction); the expected shape should then be complete. */
        public Settings withOptionalTarget() {
            return new Settings(inputs, expected, badRecords, maxBadFraction, maxRecordBytes, true);
        }
    }

    private SequenceSource() {
    }

    /**
     * The good sequences of the inputs in input order (files in order, a directory's by name, lines
     * in file order), numbered 0, 1, ... in that order. Throws IllegalArgumentException (one line)
     * for an input without rows, too many bad rows, or no good row; FileNotFoundException for a
     * missing input.
     */
    public static SequenceData read(SparkSession spark, Settings settings) throws IOException {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<Path> files = HadoopInputs.files(jsc, settings.inputs());
        JavaRDD<SequenceRecord> firstRead = records(jsc, files, settings, settings.expected());
        List<SequenceTally> tallies = firstRead.mapPartitions(it -> List.of(SequenceTally.of(it)).iterator(), true).collect();
        long rows = tallies.stream().mapToLong(SequenceTally::rows).sum();
        if (rows == 0) throw new org.sparkrnnlm.jobs.hadoop.BadInputException("the input holds no rows: " + String.join(" ", settings.inputs()));
        SequenceShape shape = datasetShape(tallies, settings.expected());
        Map<SequenceRejectReason, Long> rejected = rejections(tallies, shape);
        // Once the shape is known, a second read rejects misfits with their text, for --bad-records.
        JavaRDD<SequenceRecord> records = shape.equals(settings.expected()) ? firstRead : records(jsc, files, settings, shape);
        if (settings.badRecords() != null) BadRecords.write(records, settings.badRecords());
        long bad = BadRecords.bad(rejected);
        BadRecords.checkFraction(bad, rows, settings.maxBadFraction(), "rows are bad", "the max bad fraction",
                SequenceData.describe(rejected), settings.badRecords());
        if (bad == rows) {
            throw new org.sparkrnnlm.jobs.hadoop.BadInputException(String.format("all %,d rows of the input are bad (%s)%s", rows,
                    SequenceData.describe(rejected), settings.badRecords() == null ? "" : ": see " + settings.badRecords()));
        }
        long[] offsets = offsets(tallies, shape);
        JavaPairRDD<Long, Sequence> positioned = JavaPairRDD.fromJavaRDD(
                records.mapPartitionsWithIndex((p, it) -> numbered(it, offsets[p]), true));
        return new SequenceData(positioned, shape, rows, rejected, rows - bad);
    }

    private static JavaRDD<SequenceRecord> records(JavaSparkContext jsc, List<Path> files, Settings settings,
                                                   SequenceShape expected) throws IOException {
        Configuration conf = HadoopInputs.jobConfiguration(jsc, files, settings.maxRecordBytes());
        conf.set(SequenceInputFormat.EXPECTED_SHAPE_KEY, expected.encode());
        conf.setBoolean(SequenceInputFormat.TARGET_OPTIONAL_KEY, settings.targetOptional());
        return HadoopInputs.read(jsc, conf, SequenceInputFormat.class, SequenceRecord.class);
    }

    /** The expectation completed by the first good row in input order (partitions are in input order). */
    private static SequenceShape datasetShape(List<SequenceTally> tallies, SequenceShape expected) {
        for (SequenceTally t : tallies) {
            if (!t.shapes().isEmpty()) return expected.orElse(t.shapes().get(0));
        }
        return expected;
    }

    /** The parsers' rejections plus the good rows whose shape is not the dataset's. */
    private static Map<SequenceRejectReason, Long> rejections(List<SequenceTally> tallies, SequenceShape shape) {
        BadRecords all = BadRecords.of(SequenceRejectReason.class);
        for (SequenceTally t : tallies) {
            all = all.plus(t.read());
            for (SequenceShape s : t.shapes()) {
                SequenceRejectReason misfit = shape.mismatch(s);
                if (misfit != null) all.reject(misfit, t.count(s));
            }
        }
        return all.byReason(SequenceRejectReason.class);
    }

    /** The position of each partition's first good row: the good rows of the partitions before it. */
    private static long[] offsets(List<SequenceTally> tallies, SequenceShape shape) {
        long[] offsets = new long[tallies.size()];
        for (int p = 1; p < offsets.length; p++) offsets[p] = offsets[p - 1] + tallies.get(p - 1).fitting(shape);
        return offsets;
    }

    /** The good records of a partition as (position, sequence), positions from first on. */
    private static Iterator<Tuple2<Long, Sequence>> numbered(Iterator<SequenceRecord> records, long first) {
        return new Iterator<>() {
            private long position = first;
            private SequenceRecord pending;

            @Override
            public boolean hasNext() {
                while (pending == null && records.hasNext()) {
                    SequenceRecord r = records.next();
                    if (!r.isRejected()) pending = r;
                }
                return pending != null;
            }

            @Override
            public Tuple2<Long, Sequence> next() {
                if (!hasNext()) throw new NoSuchElementException();
                Tuple2<Long, Sequence> out = new Tuple2<>(position++, pending.sequence());
                pending = null;
                return out;
            }
        };
    }
}
