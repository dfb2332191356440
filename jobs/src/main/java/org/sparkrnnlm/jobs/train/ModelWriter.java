package org.sparkrnnlm.jobs.train;

import java.io.IOException;
import org.sparkrnnlm.core.io.FileStore;
import org.sparkrnnlm.core.io.LanguageModelFiles;
import org.sparkrnnlm.core.io.ModelInfo;
import org.sparkrnnlm.core.lm.RnnLanguageModel;
import org.sparkrnnlm.core.text.Vocabulary;

/** Writes a model directory under a temporary sibling name, then renames it into place. */
final class ModelWriter {
    private ModelWriter() {
    }

    static void publish(FileStore store, String target, RnnLanguageModel model, Vocabulary vocabulary, ModelInfo info)
            throws IOException {
        int slash = target.lastIndexOf('/');
        String temporary = target.substring(0, slash + 1) + "." + target.substring(slash + 1) + ".tmp";
        store.delete(temporary);
        LanguageModelFiles.save(store, temporary, model, vocabulary, info);
        store.delete(target);
        store.rename(temporary, target);
    }
}
