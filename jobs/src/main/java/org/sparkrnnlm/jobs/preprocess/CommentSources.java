package org.sparkrnnlm.jobs.preprocess;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.sparkrnnlm.jobs.hadoop.HadoopInputs;
import org.sparkrnnlm.jobs.hadoop.InputPaths;
import org.sparkrnnlm.jobs.hadoop.ZstdLongWindowCodec;

/**
 * Reads comment dumps into RawComments on Spark. Bad input never fails the read: every record is
 * either a comment body or a rejection with its reason (the caller counts them and decides).
 */
public final class CommentSources {
    private CommentSources() {
    }

    /**
     * Every record of the inputs (files, directories, globs; any Hadoop path), one RawComment per
     * comment or rejected record, in input order (files of a directory or glob by name).
     * format: "auto" (by extension after stripping .gz/.bz2/.zst: .csv -> CSV, anything else -> JSON
     * lines; a directory's files each by their own name), "csv" or "json". maxRecordBytes: longer
     * records (a JSON line; a CSV body field) are rejected as TOO_LONG, keeping their first 1000 chars.
     * A missing input or a glob matching nothing throws FileNotFoundException; inputs holding no
     * records give an empty RDD. .zst is read with {@link ZstdLongWindowCodec}, which this also
     * registers in the session's Hadoop configuration so Spark's other readers decode .zst alike.
     */
    public static JavaRDD<RawComment> read(SparkSession spark, List<String> inputs, String format, long maxRecordBytes)
            throws IOException {
        String fmt = format.toLowerCase(Locale.ROOT);
        if (!List.of("auto", "csv", "json").contains(fmt)) {
            throw new IllegalArgumentException("unknown input format '" + format + "' (auto, csv or json)");
        }
        if (maxRecordBytes < 1) throw new IllegalArgumentException("maxRecordBytes must be positive: " + maxRecordBytes);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<Path> files = HadoopInputs.files(jsc, inputs);
        // Consecutive files of one format share one RDD; the union keeps the input order.
        List<JavaRDD<RawComment>> parts = new ArrayList<>();
        for (int i = 0, j; i < files.size(); i = j) {
            String f = fmt.equals("auto") ? InputPaths.formatOf(files.get(i)) : fmt;
            j = i + 1;
            while (j < files.size() && (fmt.equals("auto") ? InputPaths.formatOf(files.get(j)) : fmt).equals(f)) j++;
            parts.add(readFiles(jsc, files.subList(i, j), f.equals("csv"), maxRecordBytes));
        }
        if (parts.isEmpty()) return jsc.emptyRDD();
        if (parts.size() == 1) return parts.get(0);
        @SuppressWarnings("unchecked")
        JavaRDD<RawComment>[] array = parts.toArray(new JavaRDD[0]);
        return jsc.union(array);
    }

    private static JavaRDD<RawComment> readFiles(JavaSparkContext jsc, List<Path> files, boolean csv, long maxRecordBytes)
            throws IOException {
        Configuration jobConf = HadoopInputs.jobConfiguration(jsc, files, maxRecordBytes);
        return csv
                ? HadoopInputs.read(jsc, jobConf, CsvCommentInputFormat.class, RawComment.class)
                : HadoopInputs.read(jsc, jobConf, JsonLinesInputFormat.class, RawComment.class);
    }
}
