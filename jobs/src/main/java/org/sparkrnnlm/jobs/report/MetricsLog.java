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
import org.sparkrnnlm.core.store.AtomicReplace;
import org.sparkrnnlm.core.store.FileStore;

/**
 * Appends records to DIR/metrics.jsonl; each line one JSON object with keys epoch, examples_seen,
 * loss, per_target_loss, training_loss (from the first epoch on), learning_rate, targets_per_second,
 * elapsed_seconds.
 *
 * <p>Object stores have no append, so every {@link #append} rewrites the whole file from memory
 * and moves it over the old one ({@link AtomicReplace}). A file that already exists when the log
 * is opened (e.g. on --resume) is loaded first, so its records are kept.
 */
public final class MetricsLog {
    private static final ObjectMapper JSON =
            new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private final FileStore store;
    private final String file;
    private final List<MetricsRecord> records = new ArrayList<>();

    public MetricsLog(FileStore store, String file) {
        this.store = store;
        this.file = file;
        try {
            if (store.exists(file)) records.addAll(read(store, file));
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
        AtomicReplace.file(store, file, out -> {
            for (MetricsRecord rec : records) {
                out.write(JSON.writeValueAsBytes(rec));
                out.write('\n');
            }
        });
    }

    public synchronized List<MetricsRecord> records() {
        return Collections.unmodifiableList(new ArrayList<>(records));
    }

    public static List<MetricsRecord> read(FileStore store, String file) throws IOException {
        List<MetricsRecord> out = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(store.open(file), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (!line.isBlank()) out.add(JSON.readValue(line, MetricsRecord.class));
            }
        }
        return out;
    }
}
