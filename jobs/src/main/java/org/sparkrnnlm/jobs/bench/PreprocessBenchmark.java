package org.sparkrnnlm.jobs.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.sparkrnnlm.core.store.LocalFileStore;
import org.sparkrnnlm.jobs.hadoop.HadoopFileStore;
import org.sparkrnnlm.jobs.preprocess.PreprocessStats;
import org.sparkrnnlm.jobs.preprocess.Preprocessing;

/**
 * Preprocess end to end (read, decompress, parse, tokenize, count, write) on one generated dump in
 * several forms: 8 plain part files, and the same comments as one plain, {@code .zst}, {@code .gz},
 * {@code .bz2} and CSV file. For each: wall time, CPU time of this JVM (local mode: driver and
 * executors), cores used (CPU over wall), and MB per CPU second, of the uncompressed input and of
 * the comment text alone.
 */
final class PreprocessBenchmark {
    static final String EIGHT_FILES = "8-files";
    private static final int PARTS = 8;
    private final SparkSession spark;
    private final PrintStream log;
    private final int cores;

    PreprocessBenchmark(SparkSession spark, PrintStream log) {
        this.spark = spark;
        this.log = log;
        this.cores = spark.sparkContext().defaultParallelism();
    }

    /** Generates (once, then reuses) a dump of about {@code gigabytes} GB of JSON and preprocesses each of {@code inputs}. */
    Map<String, Object> dumps(String csv, double gigabytes, Path dir, List<String> inputs) throws Exception {
        Path root = dir.resolve(String.format("dump-%.2fgb", gigabytes));
        DumpGenerator.Written written = generate(csv, gigabytes, root.resolve(EIGHT_FILES));
        prepare(root, inputs);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("json_mb", CoreBenchmark.round(written.jsonBytes() / 1e6));
        out.put("text_mb", CoreBenchmark.round(written.textBytes() / 1e6));
        out.put("comments", written.comments());
        log.println("bench: warming up on " + csv);
        run(List.of(csv), written, dir.toString());
        for (String input : inputs) {
            Path path = input.equals(EIGHT_FILES) ? root.resolve(EIGHT_FILES) : root.resolve(input).resolve(DumpVariants.fileName(input));
            log.println("bench: preprocessing " + path);
            Map<String, Object> figures = run(List.of(path.toString()), written, dir.toString());
            figures.put("file_mb", CoreBenchmark.round(sizeOf(path) / 1e6));
            out.put(input, figures);
        }
        compareWithEightFiles(out, inputs);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void compareWithEightFiles(Map<String, Object> out, List<String> inputs) {
        Map<String, Object> eight = (Map<String, Object>) out.get(EIGHT_FILES);
        if (eight == null) return;
        for (String input : inputs) {
            Map<String, Object> f = (Map<String, Object>) out.get(input);
            if (f != eight) f.put("wall_over_8_files", CoreBenchmark.round((double) f.get("seconds") / (double) eight.get("seconds")));
        }
    }

    private Map<String, Object> run(List<String> inputs, DumpGenerator.Written written, String work) throws Exception {
        String output = work + "/out-" + System.nanoTime();
        HadoopFileStore store = new HadoopFileStore(spark.sparkContext().hadoopConfiguration());
        long cpu0 = processCpuNanos();
        long start = System.nanoTime();
        PreprocessStats stats = new Preprocessing(spark, store, log).run(new Preprocessing.Settings(inputs, "auto", 8000, null,
                0, 10, null, 1.0, 1_000_000, false, 0), output);
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = (processCpuNanos() - cpu0) / 1e9;
        new LocalFileStore().delete(output);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("comments", stats.get("comments_read"));
        out.put("sentences", stats.get("sentences"));
        out.put("seconds", CoreBenchmark.round(seconds));
        out.put("cpu_seconds", CoreBenchmark.round(cpu));
        out.put("cores", cores);
        out.put("cores_used", CoreBenchmark.round(cpu / seconds));
        out.put("json_mb_per_cpu_second", CoreBenchmark.round(written.jsonBytes() / 1e6 / cpu));
        out.put("text_mb_per_cpu_second", CoreBenchmark.round(written.textBytes() / 1e6 / cpu));
        return out;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private DumpGenerator.Written generate(String csv, double gigabytes, Path parts) throws Exception {
        Path marker = parts.resolve("_COMPLETE");
        if (Files.exists(marker)) {
            String[] f = Files.readString(marker).trim().split(" ");
            return new DumpGenerator.Written(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]));
        }
        log.println("bench: generating " + parts);
        DumpGenerator.Written w = new DumpGenerator(bodies(csv)).write(parts, PARTS, (long) (gigabytes * 1e9 / PARTS), cores);
        Files.writeString(marker, w.comments() + " " + w.jsonBytes() + " " + w.textBytes() + "\n");
        return w;
    }

    /** Makes the missing single-file variants, on every core. */
    private void prepare(Path root, List<String> inputs) throws Exception {
        List<Path> parts = new ArrayList<>();
        try (var files = Files.list(root.resolve(EIGHT_FILES))) {
            files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().forEach(parts::add);
        }
        ExecutorService pool = Executors.newFixedThreadPool(cores);
        try {
            List<Future<Void>> jobs = new ArrayList<>();
            for (String input : inputs) {
                if (input.equals(EIGHT_FILES)) continue;
                Path file = root.resolve(input).resolve(DumpVariants.fileName(input));
                if (Files.exists(file)) continue;
                Files.createDirectories(file.getParent());
                log.println("bench: writing " + file);
                jobs.add(pool.submit(() -> {
                    DumpVariants.write(input, parts, file);
                    return null;
                }));
            }
            for (Future<Void> f : jobs) f.get();
        } finally {
            pool.shutdownNow();
        }
    }

    private List<String> bodies(String csv) {
        List<Row> rows = spark.read().option("header", "true").option("multiLine", "true").option("escape", "\"")
                .csv(csv).select("body").collectAsList();
        List<String> out = new ArrayList<>();
        for (Row r : rows) if (!r.isNullAt(0)) out.add(r.getString(0));
        return out;
    }

    private static long sizeOf(Path path) throws IOException {
        if (!Files.isDirectory(path)) return Files.size(path);
        try (var files = Files.list(path)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json")).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
