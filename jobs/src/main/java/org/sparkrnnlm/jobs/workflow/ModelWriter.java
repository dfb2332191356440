package org.sparkrnnlm.jobs.workflow;

import java.io.IOException;
import org.sparkrnnlm.core.store.FileStore;
import org.sparkrnnlm.core.model.ModelInfo;
import org.sparkrnnlm.core.model.TrainableModel;

/** Writes a model directory under a temporary sibling name, then renames it into place. */
final class ModelWriter {
    private ModelWriter() {
    }

    static void publish(FileStore store, String target, TrainableModel<?> model, ModelInfo info)
            throws IOException {
        int slash = target.lastIndexOf('/');
        String temporary = target.substring(0, slash + 1) + "." + target.substring(slash + 1) + ".tmp";
        store.delete(temporary);
        model.save(store, temporary, info);
        store.delete(target);
        store.rename(temporary, target);
    }
}
