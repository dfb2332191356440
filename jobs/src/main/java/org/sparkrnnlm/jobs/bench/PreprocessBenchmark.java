package org.sparkrnnlm.jobs.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.sparkrnnlm.core.store.LocalFileStore;
import org.sparkrnnlm.jobs.hadoop.HadoopFileStore;
import org.sparkrnnlm.jobs.preprocess.PreprocessStats;
import org.sparkrnnlm.jobs.preprocess.Preprocessing;

/** Preprocess throughput, end to end (read, decompress, parse, tokenize, count, write), in MB/s per core. */
final class PreprocessBenchmark {
    private final SparkSession spark;
    private final PrintStream log;
    private final int cores;

    PreprocessBenchmark(SparkSession spark, PrintStream log) {
        this.spark = spark;
        this.log = log;
        this.cores = spark.sparkContext().defaultParallelism();
    }

    Map<String, Object> run(List<String> inputs, long inputBytes, String work) throws Exception {
        String output = work + "/out-" + System.nanoTime();
        HadoopFileStore store = new HadoopFileStore(spark.sparkContext().hadoopConfiguration());
        long start = System.nanoTime();
        PreprocessStats stats = new Preprocessing(spark, store, log).run(new Preprocessing.Settings(inputs, "auto", 8000, null,
                0, 10, null, 1.0, 1_000_000, false, 0), output);
        double seconds = (System.nanoTime() - start) / 1e9;
        new LocalFileStore().delete(output);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("input_mb", CoreBenchmark.round(inputBytes / 1e6));
        out.put("comments", stats.get("comments_read"));
        out.put("sentences", stats.get("sentences"));
        out.put("seconds", CoreBenchmark.round(seconds));
        out.put("cores", cores);
        out.put("mb_per_second_per_core", CoreBenchmark.round(inputBytes / 1e6 / seconds / cores));
        return out;
    }

    /** Generates (once, then reuses) JSON-lines dumps of about {@code gigabytes} GB uncompressed in each compression. */
    Map<String, Object> dumps(String csv, double gigabytes, Path dir, List<String> formats) throws Exception {
        List<Row> rows = spark.read().option("header", "true").option("multiLine", "true").option("escape", "\"")
                .csv(csv).select("body").collectAsList();
        List<String> bodies = new ArrayList<>();
        for (Row r : rows) if (!r.isNullAt(0)) bodies.add(r.getString(0));
        DumpGenerator generator = new DumpGenerator(bodies);
        int parts = 8;
        long perPart = (long) (gigabytes * 1e9 / parts);
        Map<String, Object> out = new LinkedHashMap<>();
        for (String format : formats) {
            String extension = format.equals("plain") ? "" : "." + format;
            Path sub = dir.resolve(String.format("%.1fgb%s", gigabytes, extension.isEmpty() ? "-plain" : extension.replace('.', '-')));
            if (!Files.exists(sub.resolve("_COMPLETE"))) {
                log.println("bench: generating " + sub);
                generator.write(sub, parts, perPart, extension, cores);
                Files.createFile(sub.resolve("_COMPLETE"));
            }
            log.println("bench: preprocessing " + sub);
            out.put(extension.isEmpty() ? "json_plain" : "json" + extension.replace('.', '_'),
                    run(List.of(sub.toString()), (long) parts * perPart, dir.toString()));
        }
        return out;
    }
}
