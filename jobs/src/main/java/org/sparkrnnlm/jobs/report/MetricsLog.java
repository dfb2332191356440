package org.sparkrnnlm.jobs.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Appends records to DIR/metrics.jsonl through Hadoop FileSystem; each line one JSON object with keys
 * epoch, examples_seen, loss, learning_rate, tokens_per_second, elapsed_seconds.
 *
 * <p>Object stores have no append, so every {@link #append} rewrites the whole file from memory: it
 * writes a hidden temporary sibling, then renames it over the old file. A file that already exists
 * when the log is opened (e.g. on --resume) is loaded first, so its records are kept.
 */
public final class MetricsLog {
    private static final ObjectMapper JSON =
            new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private final Path file;
    private final Path tmp;
    private final Configuration conf;
    private final List<MetricsRecord> records = new ArrayList<>();

    public MetricsLog(Path file, Configuration conf) {
        this.file = file;
        this.tmp = new Path(file.getParent(), "." + file.getName() + ".tmp");
        this.conf = conf;
        try {
            if (FileSystem.get(file.toUri(), conf).exists(file)) records.addAll(read(file, conf));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public synchronized void append(MetricsRecord r) throws IOException {
        records.add(r);
        rewrite();
    }

    /**
     * Drops the records from {@code examplesSeen} on: a run resumed from a checkpoint evaluates again
     * from there, and its records replace the ones written after that checkpoint.
     */
    public synchronized void retainBefore(long examplesSeen) throws IOException {
        if (records.removeIf(r -> r.examplesSeen() >= examplesSeen)) rewrite();
    }

    private void rewrite() throws IOException {
        FileSystem fs = FileSystem.get(file.toUri(), conf);
        try (FSDataOutputStream out = fs.create(tmp, true)) {
            for (MetricsRecord rec : records) {
                out.write(JSON.writeValueAsBytes(rec));
                out.write('\n');
            }
        }
        // FileSystem.rename does not overwrite on HDFS/object stores; the old file is deleted only once
        // the new one is complete.
        if (fs.exists(file)) fs.delete(file, false);
        if (!fs.rename(tmp, file)) throw new IOException("cannot rename " + tmp + " to " + file);
    }

    public synchronized List<MetricsRecord> records() {
        return Collections.unmodifiableList(new ArrayList<>(records));
    }

    public static List<MetricsRecord> read(Path file, Configuration conf) throws IOException {
        FileSystem fs = FileSystem.get(file.toUri(), conf);
        List<MetricsRecord> out = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(fs.open(file), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (!line.isBlank()) out.add(JSON.readValue(line, MetricsRecord.class));
            }
        }
        return out;
    }
}
