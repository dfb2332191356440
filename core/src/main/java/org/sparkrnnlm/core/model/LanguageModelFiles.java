package org.sparkrnnlm.core.model;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import org.sparkrnnlm.core.lm.WordClasses;
import org.sparkrnnlm.core.tensor.Parameters;
import org.sparkrnnlm.core.lm.RnnLanguageModel;
import org.sparkrnnlm.core.store.AtomicReplace;
import org.sparkrnnlm.core.store.FileStore;
import org.sparkrnnlm.core.store.ModelFormatException;
import org.sparkrnnlm.core.text.Vocabulary;

/**
 * A language-model directory: params.npz (U, W, V; a class-factored model also X and the int32
 * vector {@link #CLASSES}, each word id's class), vocab.tsv, model.json ({@code "softmax": "class"}
 * for a class-factored model; {@code "output_bias": true} for a model whose params.npz holds the output
 * bias b). A directory with only params.npz and vocab.tsv loads too, its sizes
 * taken from the arrays and its output from whether {@link #CLASSES} is there.
 */
public final class LanguageModelFiles {
    public static final String PARAMS = ModelDirectory.PARAMS;
    public static final String VOCAB = "vocab.tsv";
    public static final String INFO = ModelDirectory.INFO;
    /** Each word id's class, in a class-factored model's params.npz. */
    public static final String CLASSES = "classes";
    private static final List<String> ARRAYS = List.of(RnnLanguageModel.U, RnnLanguageModel.W, RnnLanguageModel.V);
    private static final List<String> CLASS_ARRAYS = List.of(RnnLanguageModel.U, RnnLanguageModel.W, RnnLanguageModel.V, RnnLanguageModel.X);

    private LanguageModelFiles() {
    }

    /** A loaded model with its vocabulary and training record. */
    public record Loaded(RnnLanguageModel model, Vocabulary vocabulary, LanguageModelInfo info) {
    }

    public static void save(FileStore store, String dir, RnnLanguageModel model, Vocabulary vocabulary, LanguageModelInfo info)
            throws IOException {
        Map<String, int[]> integers = model.isClassFactored() ? Map.of(CLASSES, model.classes().toArray()) : Map.of();
        ModelDirectory.write(store, dir, model.parameters(), integers, info);
        try (OutputStream out = store.create(FileStore.join(dir, VOCAB))) {
            vocabulary.write(out);
        }
    }

    /** Reads a model directory, also while a writer replaces it. */
    public static Loaded load(FileStore store, String dir) throws IOException {
        return AtomicReplace.read(store, dir, d -> loadOnce(store, d));
    }

    private static Loaded loadOnce(FileStore store, String dir) throws IOException {
        ModelDirectory.Raw<LanguageModelInfo> raw = ModelDirectory.readRaw(store, dir, LanguageModelInfo.class);
        LanguageModelInfo info = raw.info();
        String path = raw.paramsPath();
        boolean classFactored = info != null ? info.isClassFactored() : raw.arrays().containsKey(CLASSES);
        if (info != null && !classFactored && raw.arrays().containsKey(CLASSES)) {
            throw new ModelFormatException(path + " holds word classes but model.json gives no \"softmax\": \"class\"");
        }
        boolean outputBias = info != null ? info.outputBias() : raw.arrays().containsKey(RnnLanguageModel.B);
        if (info != null && !outputBias && raw.arrays().containsKey(RnnLanguageModel.B)) {
            throw new ModelFormatException(path + " holds an output bias b but model.json gives no \"output_bias\": true");
        }
        RnnLanguageModel model;
        try {
            WordClasses classes = classFactored ? WordClasses.of(ModelDirectory.integers(raw.arrays(), path, CLASSES)) : null;
            Parameters parameters = ModelDirectory.fromNumpy(raw.arrays(), path, arrays(classFactored, outputBias));
            model = RnnLanguageModel.of(parameters, info == null ? RnnLanguageModel.DEFAULT_BPTT_TRUNCATE : info.bpttTruncate(), classes);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(path + ": " + e.getMessage());
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

    /** The arrays to read; b with a class-factored output is read too, and refused by the model. */
    private static List<String> arrays(boolean classFactored, boolean outputBias) {
        List<String> names = new java.util.ArrayList<>(classFactored ? CLASS_ARRAYS : ARRAYS);
        if (outputBias) names.add(RnnLanguageModel.B);
        return names;
    }

    public static LanguageModelInfo describe(RnnLanguageModel model, ModelInfo.Progress progress) {
        return new LanguageModelInfo(model.vocabularySize(), model.hiddenSize(), model.bpttTruncate(), model.dtype().numpyName(),
                progress, model.isClassFactored(), model.hasOutputBias());
    }

    public static LanguageModelInfo describe(RnnLanguageModel model, double lr, int epoch, long examples, List<double[]> history) {
        return describe(model, new ModelInfo.Progress(lr, epoch, examples, history));
    }
}
