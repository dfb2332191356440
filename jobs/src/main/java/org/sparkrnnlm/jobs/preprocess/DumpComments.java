package org.sparkrnnlm.jobs.preprocess;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.sparkrnnlm.jobs.hadoop.BadInputException;
import org.sparkrnnlm.jobs.hadoop.BadRecords;
import org.sparkrnnlm.jobs.monitoring.JobLabels;
import scala.Tuple2;

/**
 * The comments of dumps one by one, with their metadata and their place in the dump, for jobs that
 * use each comment rather than a dataset (score). Records are read as preprocess reads them, and
 * rejected ones are handled as preprocess handles them: counted by reason, written to
 * {@code badRecords} when given, and held to {@code maxBadFraction} with the same message.
 * A comment's position is {@code (input partition << 40) | its record's index in the partition}
 * (rejected records counted): sorting by it restores the order of the dump.
 */
public final class DumpComments implements AutoCloseable {
    private final JavaRDD<Tuple2<Long, RawComment>> records;
    private final BadRecords tally;

    private DumpComments(JavaRDD<Tuple2<Long, RawComment>> records, BadRecords tally) {
        this.records = records;
        this.tally = tally;
    }

    /**
     * Reads the dumps and checks their bad records (throws {@link BadInputException} for an input
     * without records or with too many malformed ones); {@code command} prefixes the log line.
     */
    public static DumpComments read(SparkSession spark, List<String> inputs, String format, long maxRecordBytes, String badRecords,
                                    double maxBadFraction, String command, PrintStream log) throws IOException {
        JobLabels.step(spark.sparkContext(), "read and check records");
        JavaRDD<Tuple2<Long, RawComment>> records = CommentSources.read(spark, inputs, format, maxRecordBytes, true)
                .mapPartitionsWithIndex(DumpComments::positioned, true)
                .persist(StorageLevel.MEMORY_AND_DISK_SER());
        BadRecords tally = records.aggregate(BadRecords.of(RejectReason.class), (t, r) -> {
            t.read(r._2().reason());
            return t;
        }, BadRecords::plus);
        DumpComments dump = new DumpComments(records, tally);
        long read = tally.records();
        if (read == 0) {
            dump.close();
            throw new BadInputException("the input holds no records: " + String.join(" ", inputs));
        }
        Map<RejectReason, Long> rejected = tally.byReason(RejectReason.class);
        if (badRecords != null) {
            JobLabels.step(spark.sparkContext(), "write bad records");
            BadRecords.write(records.map(Tuple2::_2), badRecords);
            log.println(command + ": rejected records in " + badRecords);
        }
        try {
            BadRecords.checkFraction(BadRecords.bad(rejected), read, maxBadFraction, "records are malformed", "--max-bad-fraction",
                    null, "--bad-records");
        } catch (BadInputException e) {
            dump.close();
            throw e;
        }
        StringBuilder reasons = new StringBuilder();
        rejected.forEach((reason, n) -> reasons.append(reasons.length() == 0 ? " (" : ", ").append(reason.label()).append(' ').append(n));
        log.printf("%s: %,d records read, %,d rejected%s%n", command, read, rejected.values().stream().mapToLong(Long::longValue).sum(),
                reasons.length() == 0 ? "" : reasons.append(')'));
        return dump;
    }

    private static Iterator<Tuple2<Long, RawComment>> positioned(int partition, Iterator<RawComment> records) {
        return new Iterator<>() {
            private long index;

            @Override
            public boolean hasNext() {
                return records.hasNext();
            }

            @Override
            public Tuple2<Long, RawComment> next() {
                return new Tuple2<>(SentenceBlock.position(partition, index++), records.next());
            }
        };
    }

    /** The accepted comments, each with its position. */
    public JavaRDD<Tuple2<Long, RawComment>> comments() {
        return records.filter(r -> !r._2().isRejected());
    }

    /** Records read, rejected ones included, and rejections by reason. */
    public BadRecords tally() {
        return tally;
    }

    /** Drops the cached records. */
    @Override
    public void close() {
        records.unpersist();
    }
}
