package org.sparkrnnlm.core.model;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.sparkrnnlm.core.lm.RnnLanguageModel;
import org.sparkrnnlm.core.store.AtomicReplace;
import org.sparkrnnlm.core.store.FileStore;
import org.sparkrnnlm.core.store.ModelFormatException;
import org.sparkrnnlm.core.text.Vocabulary;

/**
 * A language-model directory: params.npz (U, W, V), vocab.tsv, model.json. A directory with only
 * params.npz and vocab.tsv loads too, its sizes taken from the arrays.
 */
public final class LanguageModelFiles {
    public static final String PARAMS = ModelDirectory.PARAMS;
    public static final String VOCAB = "vocab.tsv";
    public static final String INFO = ModelDirectory.INFO;
    private static final List<String> ARRAYS = List.of(RnnLanguageModel.U, RnnLanguageModel.W, RnnLanguageModel.V);

    private LanguageModelFiles() {
    }

    /** A loaded model with its vocabulary and training record. */
    public record Loaded(RnnLanguageModel model, Vocabulary vocabulary, LanguageModelInfo info) {
    }

    public static void save(FileStore store, String dir, RnnLanguageModel model, Vocabulary vocabulary, LanguageModelInfo info)
            throws IOException {
        ModelDirectory.write(store, dir, model.parameters(), info);
        try (OutputStream out = store.create(FileStore.join(dir, VOCAB))) {
            vocabulary.write(out);
        }
    }

    /** Reads a model directory, also while a writer replaces it. */
    public static Loaded load(FileStore store, String dir) throws IOException {
        return AtomicReplace.read(store, dir, d -> loadOnce(store, d));
    }

    private static Loaded loadOnce(FileStore store, String dir) throws IOException {
        ModelDirectory.Contents<LanguageModelInfo> contents = ModelDirectory.read(store, dir, LanguageModelInfo.class, ARRAYS);
        LanguageModelInfo info = contents.info();
        RnnLanguageModel model;
        try {
            model = RnnLanguageModel.of(contents.parameters(), info == null ? RnnLanguageModel.DEFAULT_BPTT_TRUNCATE : info.bpttTruncate());
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(contents.paramsPath() + ": " + e.getMessage());
        }
        String vocabPath = FileStore.join(dir, VOCAB);
        if (!store.exists(vocabPath)) throw new FileNotFoundException("model directory " + dir + " has no " + VOCAB);
        Vocabulary vocabulary = Vocabulary.read(store, vocabPath);
        if (vocabulary.size() != model.vocabularySize()) {
            throw new ModelFormatException(vocabPath + " has " + vocabulary.size() + " words but U has "
                    + model.vocabularySize() + " columns");
        }
        if (info == null) info = describe(model, ModelInfo.Progress.untrained(RnnLanguageModel.DEFAULT_LEARNING_RATE));
        return new Loaded(model, vocabulary, info);
    }

    public static LanguageModelInfo describe(RnnLanguageModel model, ModelInfo.Progress progress) {
        return new LanguageModelInfo(model.vocabularySize(), model.hiddenSize(), model.bpttTruncate(), model.dtype().numpyName(),
                progress);
    }

    public static LanguageModelInfo describe(RnnLanguageModel model, double lr, int epoch, long examples, List<double[]> history) {
        return describe(model, new ModelInfo.Progress(lr, epoch, examples, history));
    }
}
