package org.sparkrnnlm.jobs.workflow;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.sparkrnnlm.core.model.ModelInfo;
import org.sparkrnnlm.core.model.TrainableModel;
import org.sparkrnnlm.core.store.AtomicReplace;
import org.sparkrnnlm.core.store.FileStore;
import org.sparkrnnlm.core.text.Vocabulary;
import org.sparkrnnlm.jobs.hadoop.HadoopFileStore;

/**
 * A directory of published models for scheduled retraining: one versioned model directory per
 * run, {@code model-<run id>}, and a {@code LATEST} file naming the current one. A version is
 * complete before LATEST moves to it, and LATEST is replaced by an atomic rename, so readers see
 * the old model or the new one, never half of either.
 */
public final class ModelRegistry {
    public static final String LATEST = "LATEST";
    private final HadoopFileStore store;
    private final String root;

    public ModelRegistry(HadoopFileStore store, String root) {
        this.store = store;
        this.root = root;
    }

    /** A model path as given, or the version LATEST names when the path is a registry. */
    public static String resolve(HadoopFileStore store, String path) throws IOException {
        String latest = FileStore.join(path, LATEST);
        if (!store.exists(latest)) return path;
        try (InputStream in = store.open(latest)) {
            return FileStore.join(path, new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
        }
    }

    /** A vocab.tsv path, or the vocab.tsv of a model directory or of a registry's LATEST model. */
    public static Vocabulary vocabulary(HadoopFileStore store, String path) throws IOException {
        String file = store.isDirectory(path) ? FileStore.join(resolve(store, path), "vocab.tsv") : path;
        return Vocabulary.read(store, file);
    }

    public static String versionName(String runId) {
        return "model-" + runId;
    }

    public boolean has(String runId) throws IOException {
        return store.exists(FileStore.join(FileStore.join(root, versionName(runId)), "model.json"));
    }

    /** Writes the version (unless present) and points LATEST at it. */
    public <I extends ModelInfo> String publish(String runId, TrainableModel<?, I> model, I info) throws IOException {
        String version = versionName(runId);
        if (!has(runId)) AtomicReplace.directory(store, FileStore.join(root, version), dir -> model.save(store, dir, info));
        pointLatestAt(version);
        return FileStore.join(root, version);
    }

    public void pointLatestAt(String version) throws IOException {
        AtomicReplace.file(store, FileStore.join(root, LATEST), out -> out.write((version + "\n").getBytes(StandardCharsets.UTF_8)));
    }
}
