package org.sparkrnnlm.core.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import org.sparkrnnlm.core.store.FileStore;
import org.sparkrnnlm.core.store.NpyArray;
import org.sparkrnnlm.core.store.Npz;
import org.sparkrnnlm.core.tensor.Parameters;

/**
 * {@code optimizer.npz} in a checkpoint: the update rule's state arrays ("U.adam_m", ...,
 * "optimizer.steps"), so a resumed run continues bit for bit. Published models leave it out:
 * inference needs only the weights.
 */
public final class OptimizerStateFile {
    public static final String NAME = "optimizer.npz";

    private OptimizerStateFile() {
    }

    /** Writes the state into a model directory; nothing for a rule without state. */
    public static void write(FileStore store, String dir, Parameters state) throws IOException {
        if (state.names().isEmpty()) return;
        try (OutputStream out = store.create(FileStore.join(dir, NAME))) {
            Npz.write(ModelDirectory.toNumpy(state), out);
        }
    }

    /** The state in a model directory, or null when it has none (a plain SGD run). */
    public static Parameters read(FileStore store, String dir) throws IOException {
        String path = FileStore.join(dir, NAME);
        if (!store.exists(path)) return null;
        try (InputStream in = store.open(path)) {
            LinkedHashMap<String, NpyArray> arrays = Npz.read(in);
            return ModelDirectory.fromNumpy(arrays, path, new ArrayList<>(arrays.keySet()));
        }
    }
}
