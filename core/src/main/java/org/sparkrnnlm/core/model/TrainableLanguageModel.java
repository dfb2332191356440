package org.sparkrnnlm.core.model;

import java.io.IOException;
import org.sparkrnnlm.core.lm.LanguageModelSpec;
import org.sparkrnnlm.core.lm.RnnLanguageModel;
import org.sparkrnnlm.core.store.FileStore;
import org.sparkrnnlm.core.tensor.Parameters;
import org.sparkrnnlm.core.text.Vocabulary;

/** The language model with the vocabulary its word ids refer to: what a training job writes and resumes. */
public record TrainableLanguageModel(RnnLanguageModel model, Vocabulary vocabulary) implements TrainableModel<int[], LanguageModelInfo> {

    @Override
    public LanguageModelSpec spec() {
        return model.spec();
    }

    @Override
    public Parameters parameters() {
        return model.parameters();
    }

    @Override
    public TrainableLanguageModel withParameters(Parameters parameters) {
        return new TrainableLanguageModel(model.withParameters(parameters), vocabulary);
    }

    @Override
    public LanguageModelInfo describe(ModelInfo.Progress progress) {
        return LanguageModelFiles.describe(model, progress);
    }

    @Override
    public void save(FileStore store, String dir, LanguageModelInfo info) throws IOException {
        LanguageModelFiles.save(store, dir, model, vocabulary, info);
    }

    @Override
    public Saved<int[], LanguageModelInfo> loadLike(FileStore store, String dir) throws IOException {
        LanguageModelFiles.Loaded loaded = LanguageModelFiles.load(store, dir);
        if (!loaded.vocabulary().words().equals(vocabulary.words())) {
            throw new IllegalArgumentException(dir + " has a different vocabulary than DATA");
        }
        return new Saved<>(new TrainableLanguageModel(loaded.model(), loaded.vocabulary()), loaded.info());
    }

    @Override
    public String summary() {
        String output = model.isClassFactored() ? String.format(", %,d word classes", model.classes().classes()) : "";
        return String.format("vocabulary %,d, hidden %d", model.vocabularySize(), model.hiddenSize()) + output;
    }
}
