package org.sparkrnnlm.core.io;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sparkrnnlm.core.Dtype;
import org.sparkrnnlm.core.lm.RnnLanguageModel;
import org.sparkrnnlm.core.tensor.Parameters;
import org.sparkrnnlm.core.text.Vocabulary;

/**
 * A language-model directory: params.npz (U, W, V as numpy writes them), vocab.tsv, model.json.
 * A directory with only params.npz and vocab.tsv loads too, its sizes taken from the arrays.
 */
public final class LanguageModelFiles {
    public static final String PARAMS = "params.npz";
    public static final String VOCAB = "vocab.tsv";
    public static final String INFO = "model.json";
    public static final int DEFAULT_BPTT_TRUNCATE = 4;

    private LanguageModelFiles() {
    }

    /** A loaded model with its vocabulary and training record. */
    public record Loaded(RnnLanguageModel model, Vocabulary vocabulary, ModelInfo info) {
    }

    public static void save(FileStore store, String dir, RnnLanguageModel model, Vocabulary vocabulary, ModelInfo info)
            throws IOException {
        LinkedHashMap<String, NpyArray> arrays = toNumpy(model.parameters());
        try (OutputStream out = store.create(FileStore.join(dir, PARAMS))) {
            Npz.write(arrays, out);
        }
        try (OutputStream out = store.create(FileStore.join(dir, VOCAB))) {
            vocabulary.write(out);
        }
        try (OutputStream out = store.create(FileStore.join(dir, INFO))) {
            info.withChecksums(checksums(arrays)).write(out);
        }
    }

    public static Loaded load(FileStore store, String dir) throws IOException {
        String params = FileStore.join(dir, PARAMS);
        if (!store.exists(params)) throw new FileNotFoundException("model directory " + dir + " has no " + PARAMS);
        ModelInfo info = null;
        if (store.exists(FileStore.join(dir, INFO))) {
            try (InputStream in = store.open(FileStore.join(dir, INFO))) {
                info = ModelInfo.read(in);
            }
        }
        Parameters parameters;
        try (InputStream in = store.open(params)) {
            LinkedHashMap<String, NpyArray> arrays = Npz.read(in);
            if (info != null) verify(arrays, info.checksums(), params);
            parameters = fromNumpy(arrays, params);
        } catch (ModelFormatException e) {
            throw e.getMessage().startsWith(params) ? e : new ModelFormatException(params + ": " + e.getMessage());
        }
        RnnLanguageModel model = model(parameters, info == null ? DEFAULT_BPTT_TRUNCATE : info.bpttTruncate(), params);
        String vocabPath = FileStore.join(dir, VOCAB);
        if (!store.exists(vocabPath)) throw new FileNotFoundException("model directory " + dir + " has no " + VOCAB);
        Vocabulary vocabulary = Vocabulary.read(store, vocabPath);
        if (vocabulary.size() != model.vocabularySize()) {
            throw new ModelFormatException(vocabPath + " has " + vocabulary.size() + " words but U has "
                    + model.vocabularySize() + " columns");
        }
        if (info == null) info = describe(model, 0.005, 0, 0, java.util.List.of());
        return new Loaded(model, vocabulary, info);
    }

    private static Map<String, String> checksums(Map<String, NpyArray> arrays) {
        Map<String, String> sums = new LinkedHashMap<>();
        arrays.forEach((name, a) -> sums.put(name, ArrayChecksum.of(a)));
        return sums;
    }

    /** A model.json with checksums vouches for its params.npz: a torn or mixed-up write fails here. */
    private static void verify(Map<String, NpyArray> arrays, Map<String, String> expected, String path) throws ModelFormatException {
        for (Map.Entry<String, String> e : expected.entrySet()) {
            NpyArray a = arrays.get(e.getKey());
            if (a == null || !ArrayChecksum.of(a).equals(e.getValue())) {
                throw new ModelFormatException(path + ": array " + e.getKey() + " does not match its checksum in model.json");
            }
        }
    }

    private static RnnLanguageModel model(Parameters parameters, int truncate, String path) throws ModelFormatException {
        try {
            return RnnLanguageModel.of(parameters, truncate);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(path + ": " + e.getMessage());
        }
    }

    public static ModelInfo describe(RnnLanguageModel model, double lr, int epoch, long examples, java.util.List<double[]> history) {
        return new ModelInfo(ModelInfo.LANGUAGE_MODEL, model.vocabularySize(), model.hiddenSize(), model.bpttTruncate(),
                model.dtype().numpyName(), lr, epoch, examples, history, Map.of());
    }

    /** Reads U, W and V out of an .npz; they must share one float dtype. */
    public static Parameters fromNumpy(Map<String, NpyArray> arrays, String path) throws ModelFormatException {
        LinkedHashMap<String, INDArray> out = new LinkedHashMap<>();
        Dtype dtype = null;
        for (String name : new String[] {RnnLanguageModel.U, RnnLanguageModel.W, RnnLanguageModel.V}) {
            NpyArray a = arrays.get(name);
            if (a == null) throw new ModelFormatException(path + " has no array " + name + " (found " + arrays.keySet() + ")");
            if (a.shape().length != 2) {
                throw new ModelFormatException(path + ": " + name + " has shape " + java.util.Arrays.toString(a.shape()) + ", expected a matrix");
            }
            Dtype d = a.isDouble() ? Dtype.DOUBLE : Dtype.FLOAT;
            if (dtype != null && d != dtype) throw new ModelFormatException(path + ": arrays mix float32 and float64");
            dtype = d;
            out.put(name, a.isDouble() ? Nd4j.create(a.doubles(), a.shape(), 'c') : Nd4j.create(a.floats(), a.shape(), 'c'));
        }
        return new Parameters(dtype, out);
    }

    /** The arrays in numpy's row-major order. */
    public static LinkedHashMap<String, NpyArray> toNumpy(Parameters parameters) {
        LinkedHashMap<String, NpyArray> out = new LinkedHashMap<>();
        for (String name : parameters.names()) {
            INDArray a = parameters.get(name).dup('c');
            out.put(name, parameters.dtype() == Dtype.FLOAT
                    ? NpyArray.ofFloats(a.shape(), a.data().asFloat())
                    : NpyArray.ofDoubles(a.shape(), a.data().asDouble()));
        }
        return out;
    }
}
