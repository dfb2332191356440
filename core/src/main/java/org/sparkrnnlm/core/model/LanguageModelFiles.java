package org.sparkrnnlm.core.model;

import org.sparkrnnlm.core.store.FileStore;
import org.sparkrnnlm.core.store.ModelFormatException;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.sparkrnnlm.core.lm.RnnLanguageModel;
import org.sparkrnnlm.core.text.Vocabulary;

/**
 * A language-model directory: params.npz (U, W, V), vocab.tsv, model.json. A directory with only
 * params.npz and vocab.tsv loads too, its sizes taken from the arrays.
 */
public final class LanguageModelFiles {
    public static final String PARAMS = ModelDirectory.PARAMS;
    public static final String VOCAB = "vocab.tsv";
    public static final String INFO = ModelDirectory.INFO;
    public static final int DEFAULT_BPTT_TRUNCATE = 4;
    private static final List<String> ARRAYS = List.of(RnnLanguageModel.U, RnnLanguageModel.W, RnnLanguageModel.V);

    private LanguageModelFiles() {
    }

    /** A loaded model with its vocabulary and training record. */
    public record Loaded(RnnLanguageModel model, Vocabulary vocabulary, ModelInfo info) {
    }

    public static void save(FileStore store, String dir, RnnLanguageModel model, Vocabulary vocabulary, ModelInfo info)
            throws IOException {
        ModelDirectory.write(store, dir, model.parameters(), info);
        try (OutputStream out = store.create(FileStore.join(dir, VOCAB))) {
            vocabulary.write(out);
        }
    }

    public static Loaded load(FileStore store, String dir) throws IOException {
        ModelDirectory.Contents contents = ModelDirectory.read(store, dir, ModelInfo.LANGUAGE_MODEL, ARRAYS);
        ModelInfo info = contents.info();
        RnnLanguageModel model;
        try {
            model = RnnLanguageModel.of(contents.parameters(), info == null ? DEFAULT_BPTT_TRUNCATE : info.bpttTruncate());
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
        if (info == null) info = describe(model, ModelInfo.Progress.UNTRAINED);
        return new Loaded(model, vocabulary, info);
    }

    public static ModelInfo describe(RnnLanguageModel model, ModelInfo.Progress progress) {
        return ModelInfo.languageModel(model.vocabularySize(), model.hiddenSize(), model.bpttTruncate(), model.dtype().numpyName(),
                progress);
    }

    public static ModelInfo describe(RnnLanguageModel model, double lr, int epoch, long examples, List<double[]> history) {
        return describe(model, new ModelInfo.Progress(lr, epoch, examples, history));
    }
}
