package org.sparkrnnlm.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparkrnnlm.core.lm.RnnLanguageModel;
import org.sparkrnnlm.core.lm.SentenceSampler;
import org.sparkrnnlm.core.store.FileStore;
import org.sparkrnnlm.core.store.LocalFileStore;
import org.sparkrnnlm.core.store.ModelFormatException;
import org.sparkrnnlm.core.store.NpyArray;
import org.sparkrnnlm.core.store.Npz;
import org.sparkrnnlm.core.tensor.Dtype;
import org.sparkrnnlm.core.tensor.Parameters;
import org.sparkrnnlm.core.text.Vocabulary;
import org.sparkrnnlm.core.train.ExampleScorer;
import org.sparkrnnlm.core.train.LossTotals;

class LanguageModelFilesTest {
    private static final int WORDS = 20;
    private static final int HIDDEN = 6;

    @TempDir
    Path tmp;

    private final LocalFileStore store = new LocalFileStore();

    private static Vocabulary vocabulary(int size) {
        List<String> words = new ArrayList<>(List.of(Vocabulary.SENTENCE_START, Vocabulary.SENTENCE_END));
        for (int i = 2; i < size - 1; i++) words.add("w" + i);
        words.add(Vocabulary.UNKNOWN_TOKEN);
        return Vocabulary.ofWords(words);
    }

    private String dir(String name) {
        return tmp.resolve(name).toString();
    }

    private void writeNpz(String dir, Map<String, NpyArray> arrays) throws IOException {
        try (OutputStream out = store.create(FileStore.join(dir, LanguageModelFiles.PARAMS))) {
            Npz.write(arrays, out);
        }
    }

    private LinkedHashMap<String, NpyArray> readNpz(String dir) throws IOException {
        try (java.io.InputStream in = store.open(FileStore.join(dir, LanguageModelFiles.PARAMS))) {
            return Npz.read(in);
        }
    }

    private void writeVocab(String dir, Vocabulary v) throws IOException {
        try (OutputStream out = store.create(FileStore.join(dir, LanguageModelFiles.VOCAB))) {
            v.write(out);
        }
    }

    private static NpyArray floats(long rows, long cols, long seed) {
        float[] data = new float[(int) (rows * cols)];
        java.util.Random r = new java.util.Random(seed);
        for (int i = 0; i < data.length; i++) data[i] = (float) (r.nextGaussian() * 0.1);
        return NpyArray.ofFloats(new long[] {rows, cols}, data);
    }

    /** U (H x C), W (H x H), V (C x H) as numpy would hold them, float32. */
    private static LinkedHashMap<String, NpyArray> numpyModel(int words, int hidden) {
        LinkedHashMap<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("U", floats(hidden, words, 1));
        arrays.put("V", floats(words, hidden, 2));
        arrays.put("W", floats(hidden, hidden, 3));
        return arrays;
    }

    /** Every element of a matrix, by logical index, as raw bits: equal means bit-identical whatever the storage order. */
    private static long[] bits(INDArray a) {
        long[] out = new long[(int) a.length()];
        int k = 0;
        for (int i = 0; i < a.size(0); i++) {
            for (int j = 0; j < a.size(1); j++) {
                out[k++] = a.dataType() == org.nd4j.linalg.api.buffer.DataType.FLOAT
                        ? Float.floatToRawIntBits(a.getFloat(i, j))
                        : Double.doubleToRawLongBits(a.getDouble(i, j));
            }
        }
        return out;
    }

    private static void assertBitIdentical(Parameters expected, Parameters actual) {
        assertEquals(expected.dtype(), actual.dtype());
        for (String name : List.of(RnnLanguageModel.U, RnnLanguageModel.W, RnnLanguageModel.V)) {
            assertArrayEquals(expected.get(name).shape(), actual.get(name).shape(), name);
            assertEquals(expected.get(name).dataType(), actual.get(name).dataType(), name);
            assertArrayEquals(bits(expected.get(name)), bits(actual.get(name)), name);
        }
    }

    // ---- round trip

    @ParameterizedTest
    @EnumSource(Dtype.class)
    void saveThenLoadGivesBitIdenticalParameters(Dtype dtype) throws IOException {
        RnnLanguageModel model = RnnLanguageModel.initialize(WORDS, HIDDEN, 3, dtype, 42);
        String dir = dir("model-" + dtype);
        LanguageModelFiles.save(store, dir, model, vocabulary(WORDS), LanguageModelFiles.describe(model, 0.005, 0, 0, List.of()));

        LanguageModelFiles.Loaded loaded = LanguageModelFiles.load(store, dir);

        assertEquals(dtype, loaded.model().dtype());
        assertBitIdentical(model.parameters(), loaded.model().parameters());
        assertTrue(model.parameters().toVector().sameAs(loaded.model().parameters().toVector()),
                "same layout (U column-major, W and V row-major) and values");
    }

    @Test
    void saveThenLoadGivesTheSameVocabulary() throws IOException {
        RnnLanguageModel model = RnnLanguageModel.initialize(WORDS, HIDDEN, 4, Dtype.FLOAT, 1);
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put(Vocabulary.SENTENCE_START, 150L);
        for (int i = 0; i < 30; i++) counts.put("word" + i, 100L - 2 * i);
        counts.put(Vocabulary.SENTENCE_END, 150L);
        Vocabulary vocabulary = Vocabulary.fromCounts(counts, WORDS);
        String dir = dir("vocab");
        LanguageModelFiles.save(store, dir, model, vocabulary, LanguageModelFiles.describe(model, 0.005, 0, 0, List.of()));

        Vocabulary back = LanguageModelFiles.load(store, dir).vocabulary();

        assertEquals(vocabulary.words(), back.words());
        for (int i = 0; i < vocabulary.size(); i++) assertEquals(vocabulary.count(i), back.count(i), vocabulary.word(i));
    }

    @Test
    void saveThenLoadGivesTheSameModelInfo() throws IOException {
        RnnLanguageModel model = RnnLanguageModel.initialize(WORDS, HIDDEN, 7, Dtype.DOUBLE, 5);
        List<double[]> history = List.of(new double[] {0, 2.99}, new double[] {600, 2.5}, new double[] {1200, 2.625});
        LanguageModelInfo info = LanguageModelFiles.describe(model, 0.00125, 3, 1200, history);
        String dir = dir("info");
        LanguageModelFiles.save(store, dir, model, vocabulary(WORDS), info);

        LanguageModelFiles.Loaded loaded = LanguageModelFiles.load(store, dir);
        LanguageModelInfo back = loaded.info();

        assertEquals(LanguageModelInfo.KIND, back.kind());
        assertEquals(WORDS, back.vocabularySize());
        assertEquals(HIDDEN, back.hiddenSize());
        assertEquals(7, back.bpttTruncate());
        assertEquals("float64", back.dtype());
        assertEquals(0.00125, back.learningRate());
        assertEquals(3, back.epoch());
        assertEquals(1200, back.examplesSeen());
        assertEquals(history.size(), back.lossHistory().size());
        for (int i = 0; i < history.size(); i++) assertArrayEquals(history.get(i), back.lossHistory().get(i));
        assertEquals(7, loaded.model().bpttTruncate(), "the model takes bptt_truncate from model.json");
    }

    @Test
    void modelJsonUsesSnakeCaseFieldNames() throws IOException {
        RnnLanguageModel model = RnnLanguageModel.initialize(WORDS, HIDDEN, 4, Dtype.FLOAT, 5);
        String dir = dir("json");
        LanguageModelFiles.save(store, dir, model, vocabulary(WORDS),
                LanguageModelFiles.describe(model, 0.005, 1, 10, List.<double[]>of(new double[] {0, 3.0})));

        String json = Files.readString(tmp.resolve("json").resolve(LanguageModelFiles.INFO));
        for (String field : List.of("\"kind\"", "\"vocabulary_size\"", "\"hidden_size\"", "\"bptt_truncate\"", "\"dtype\"",
                "\"learning_rate\"", "\"epoch\"", "\"examples_seen\"", "\"loss_history\"")) {
            assertTrue(json.contains(field), field + " in " + json);
        }
        assertTrue(json.contains("\"float32\""), json);
    }

    @Test
    void savedParamsNpzHoldsUWAndVInNumpyShapes() throws IOException {
        RnnLanguageModel model = RnnLanguageModel.initialize(WORDS, HIDDEN, 4, Dtype.FLOAT, 9);
        String dir = dir("npz");
        LanguageModelFiles.save(store, dir, model, vocabulary(WORDS), LanguageModelFiles.describe(model, 0.005, 0, 0, List.of()));

        Map<String, NpyArray> arrays;
        try (var in = store.open(FileStore.join(dir, LanguageModelFiles.PARAMS))) {
            arrays = Npz.read(in);
        }
        assertArrayEquals(new long[] {HIDDEN, WORDS}, arrays.get("U").shape());
        assertArrayEquals(new long[] {HIDDEN, HIDDEN}, arrays.get("W").shape());
        assertArrayEquals(new long[] {WORDS, HIDDEN}, arrays.get("V").shape());
        // Row-major like numpy: element [i][j] of U is at i * C + j.
        INDArray u = model.parameters().get(RnnLanguageModel.U);
        assertEquals(u.getFloat(2, 5), arrays.get("U").floats()[2 * WORDS + 5]);
        assertEquals(u.getFloat(5, 17), arrays.get("U").floats()[5 * WORDS + 17]);
    }

    @Test
    void anOutputBiasIsSavedAsBAndLoadedWithModelJsonSayingSo() throws IOException {
        RnnLanguageModel model = RnnLanguageModel.initialize(WORDS, HIDDEN, 3, Dtype.FLOAT, 42, null, true);
        model.parameters().get(RnnLanguageModel.B).putScalar(3, 0.25);
        String dir = dir("biased");
        LanguageModelFiles.save(store, dir, model, vocabulary(WORDS), LanguageModelFiles.describe(model, 0.005, 0, 0, List.of()));

        LanguageModelFiles.Loaded loaded = LanguageModelFiles.load(store, dir);

        assertTrue(loaded.model().hasOutputBias() && loaded.info().outputBias());
        assertTrue(model.parameters().toVector().sameAs(loaded.model().parameters().toVector()));
        assertArrayEquals(new long[] {WORDS}, readNpz(dir).get("b").shape());
        assertTrue(new String(java.nio.file.Files.readAllBytes(tmp.resolve("biased").resolve("model.json"))).contains("\"output_bias\" : true"));
    }

    @Test
    void aModelWithoutBiasWritesNoOutputBiasField() throws IOException {
        RnnLanguageModel model = RnnLanguageModel.initialize(WORDS, HIDDEN, 3, Dtype.FLOAT, 42);
        String dir = dir("plain");
        LanguageModelFiles.save(store, dir, model, vocabulary(WORDS), LanguageModelFiles.describe(model, 0.005, 0, 0, List.of()));
        assertFalse(new String(java.nio.file.Files.readAllBytes(tmp.resolve("plain").resolve("model.json"))).contains("output_bias"));
        assertFalse(LanguageModelFiles.load(store, dir).model().hasOutputBias());
    }

    @Test
    void aBInParamsNpzThatModelJsonDoesNotDeclareIsAFormatError() throws IOException {
        RnnLanguageModel model = RnnLanguageModel.initialize(WORDS, HIDDEN, 3, Dtype.FLOAT, 42);
        String dir = dir("undeclared");
        LanguageModelFiles.save(store, dir, model, vocabulary(WORDS), LanguageModelFiles.describe(model, 0.005, 0, 0, List.of()));
        LinkedHashMap<String, NpyArray> arrays = readNpz(dir);
        arrays.put("b", NpyArray.ofFloats(new long[] {WORDS}, new float[WORDS]));
        writeNpz(dir, arrays);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> LanguageModelFiles.load(store, dir));
        assertTrue(e.getMessage().endsWith("holds an output bias b but model.json gives no \"output_bias\": true"), e.getMessage());
    }

    // ---- a directory without model.json

    @Test
    void paramsWithBAloneLoadAsAModelWithAnOutputBias() throws IOException {
        String dir = dir("bare-biased");
        LinkedHashMap<String, NpyArray> arrays = numpyModel(12, 5);
        arrays.put("b", NpyArray.ofFloats(new long[] {12}, new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}));
        writeNpz(dir, arrays);
        writeVocab(dir, vocabulary(12));

        LanguageModelFiles.Loaded loaded = LanguageModelFiles.load(store, dir);

        assertTrue(loaded.model().hasOutputBias() && loaded.info().outputBias());
        assertEquals(9f, loaded.model().parameters().get(RnnLanguageModel.B).getFloat(8));
    }

    @Test
    void paramsAndVocabularyAloneLoadWithSizesFromTheArrays() throws IOException {
        String dir = dir("bare");
        LinkedHashMap<String, NpyArray> arrays = numpyModel(12, 5);
        writeNpz(dir, arrays);
        writeVocab(dir, vocabulary(12));

        LanguageModelFiles.Loaded loaded = LanguageModelFiles.load(store, dir);

        assertEquals(12, loaded.model().vocabularySize());
        assertEquals(5, loaded.model().hiddenSize());
        assertEquals(Dtype.FLOAT, loaded.model().dtype());
        assertEquals(12, loaded.vocabulary().size());
        assertEquals(12, loaded.info().vocabularySize());
        assertEquals(5, loaded.info().hiddenSize());
        assertEquals("float32", loaded.info().dtype());
        assertEquals(LanguageModelInfo.KIND, loaded.info().kind());
        // Values by logical index match numpy's row-major data.
        INDArray u = loaded.model().parameters().get(RnnLanguageModel.U);
        assertEquals(arrays.get("U").floats()[3 * 12 + 7], u.getFloat(3, 7));
        INDArray v = loaded.model().parameters().get(RnnLanguageModel.V);
        assertEquals(arrays.get("V").floats()[11 * 5 + 4], v.getFloat(11, 4));
    }

    @Test
    void bpttTruncateDefaultsToFourWithoutModelJson() throws IOException {
        String dir = dir("bare-truncate");
        writeNpz(dir, numpyModel(12, 5));
        writeVocab(dir, vocabulary(12));

        LanguageModelFiles.Loaded loaded = LanguageModelFiles.load(store, dir);

        assertEquals(4, loaded.model().bpttTruncate());
        assertEquals(4, loaded.info().bpttTruncate());
    }

    @Test
    void float64ArraysLoadAsADoubleModel() throws IOException {
        String dir = dir("bare-double");
        LinkedHashMap<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("U", NpyArray.ofDoubles(new long[] {3, 8}, new double[24]));
        arrays.put("W", NpyArray.ofDoubles(new long[] {3, 3}, new double[9]));
        arrays.put("V", NpyArray.ofDoubles(new long[] {8, 3}, new double[24]));
        writeNpz(dir, arrays);
        writeVocab(dir, vocabulary(8));

        LanguageModelFiles.Loaded loaded = LanguageModelFiles.load(store, dir);

        assertEquals(Dtype.DOUBLE, loaded.model().dtype());
        assertEquals("float64", loaded.info().dtype());
    }

    // ---- the model the tutorial's Theano code trained

    @Test
    void theanoTrainedModelLoadsEvaluatesAndSamples() throws IOException {
        Path shared = Paths.get(System.getProperty("shared.dir", "../../shared"), "data");
        Path npz = shared.resolve("trained-model-theano.npz");
        Assumptions.assumeTrue(Files.exists(npz), "../shared/data is missing: skipping the trained Theano model test");

        Path dir = tmp.resolve("theano");
        Files.createDirectories(dir);
        Files.copy(npz, dir.resolve(LanguageModelFiles.PARAMS));
        Vocabulary vocabulary = vocabulary(8000);
        writeVocab(dir.toString(), vocabulary);

        LanguageModelFiles.Loaded loaded = LanguageModelFiles.load(store, dir.toString());
        RnnLanguageModel model = loaded.model();

        assertEquals(50, model.hiddenSize());
        assertEquals(8000, model.vocabularySize());
        assertEquals(Dtype.FLOAT, model.dtype());
        assertEquals(4, model.bpttTruncate());
        assertTrue(model.parameters().allFinite());

        List<int[]> sentences = List.of(
                vocabulary.encode(List.of("w2", "w3", "w4")),
                vocabulary.encode(List.of("w10", "w100", "w1000", "w7000", "w5")),
                vocabulary.encode(List.of("w2")),
                vocabulary.encode(List.of("w42", "zzz-not-a-word", "w7", "w8", "w9", "w11")));
        LossTotals totals = new ExampleScorer<>(model.spec()).score(sentences, model.parameters());

        assertEquals(4, totals.examples());
        assertEquals(4 + 6 + 2 + 7, totals.targets());
        assertTrue(Double.isFinite(totals.loss()) && totals.loss() > 0, "loss " + totals.loss());
        assertTrue(Double.isFinite(totals.perTargetLoss()) && totals.perTargetLoss() > 0, "per-token loss " + totals.perTargetLoss());
        assertEquals(Math.exp(totals.perTargetLoss()), Math.exp(totals.perTargetLoss()), 1e-9 * Math.exp(totals.perTargetLoss()));

        SentenceSampler sampler = new SentenceSampler(model, vocabulary, 10);
        int maxLength = 12;
        for (int i = 0; i < 20; i++) {
            List<String> sentence = sampler.sample(maxLength);
            assertTrue(sentence.size() <= maxLength, sentence.toString());
            assertFalse(sentence.contains(Vocabulary.UNKNOWN_TOKEN), sentence.toString());
            assertFalse(sentence.contains(Vocabulary.SENTENCE_START), sentence.toString());
            assertFalse(sentence.contains(Vocabulary.SENTENCE_END), sentence.toString());
        }
    }

    // ---- errors

    @Test
    void missingParamsNpzIsAFileNotFoundNamingIt() throws IOException {
        String dir = dir("no-params");
        writeVocab(dir, vocabulary(12));

        FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> LanguageModelFiles.load(store, dir));
        assertTrue(e.getMessage().contains("params.npz"), e.getMessage());
    }

    @Test
    void missingVocabularyIsAFileNotFoundNamingIt() throws IOException {
        String dir = dir("no-vocab");
        writeNpz(dir, numpyModel(12, 5));

        FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> LanguageModelFiles.load(store, dir));
        assertTrue(e.getMessage().contains("vocab.tsv"), e.getMessage());
    }

    @Test
    void vocabularySizeDifferentFromUColumnsIsAFormatErrorNamingBothSizes() throws IOException {
        String dir = dir("size-mismatch");
        writeNpz(dir, numpyModel(12, 5));
        writeVocab(dir, vocabulary(13));

        ModelFormatException e = assertThrows(ModelFormatException.class, () -> LanguageModelFiles.load(store, dir));
        assertTrue(e.getMessage().contains("13 words"), e.getMessage());
        assertTrue(e.getMessage().contains("12 columns"), e.getMessage());
    }

    @Test
    void npzWithoutVIsAFormatErrorNamingV() throws IOException {
        String dir = dir("no-v");
        LinkedHashMap<String, NpyArray> arrays = numpyModel(12, 5);
        arrays.remove("V");
        writeNpz(dir, arrays);
        writeVocab(dir, vocabulary(12));

        ModelFormatException e = assertThrows(ModelFormatException.class, () -> LanguageModelFiles.load(store, dir));
        assertTrue(e.getMessage().contains("no array V"), e.getMessage());
        assertTrue(e.getMessage().contains("params.npz"), e.getMessage());
    }

    @Test
    void vWithTheWrongShapeIsAFormatErrorGivingTheShapes() throws IOException {
        String dir = dir("bad-v");
        LinkedHashMap<String, NpyArray> arrays = numpyModel(12, 5);
        arrays.put("V", floats(5, 12, 4)); // transposed
        writeNpz(dir, arrays);
        writeVocab(dir, vocabulary(12));

        ModelFormatException e = assertThrows(ModelFormatException.class, () -> LanguageModelFiles.load(store, dir));
        assertTrue(e.getMessage().contains("V has shape [5, 12]"), e.getMessage());
        assertTrue(e.getMessage().contains("[12, 5]"), e.getMessage());
    }

    @Test
    void wThatIsNotSquareIsAFormatError() throws IOException {
        String dir = dir("bad-w");
        LinkedHashMap<String, NpyArray> arrays = numpyModel(12, 5);
        arrays.put("W", floats(5, 4, 4));
        writeNpz(dir, arrays);
        writeVocab(dir, vocabulary(12));

        ModelFormatException e = assertThrows(ModelFormatException.class, () -> LanguageModelFiles.load(store, dir));
        assertTrue(e.getMessage().contains("W has shape [5, 4]"), e.getMessage());
    }

    @Test
    void vThatIsAVectorIsAFormatError() throws IOException {
        String dir = dir("vector-v");
        LinkedHashMap<String, NpyArray> arrays = numpyModel(12, 5);
        arrays.put("V", NpyArray.ofFloats(new long[] {60}, new float[60]));
        writeNpz(dir, arrays);
        writeVocab(dir, vocabulary(12));

        ModelFormatException e = assertThrows(ModelFormatException.class, () -> LanguageModelFiles.load(store, dir));
        assertTrue(e.getMessage().contains("V has shape [60]"), e.getMessage());
    }

    @Test
    void mixedFloat32AndFloat64ArraysAreAFormatError() throws IOException {
        String dir = dir("mixed");
        LinkedHashMap<String, NpyArray> arrays = numpyModel(12, 5);
        arrays.put("W", NpyArray.ofDoubles(new long[] {5, 5}, new double[25]));
        writeNpz(dir, arrays);
        writeVocab(dir, vocabulary(12));

        ModelFormatException e = assertThrows(ModelFormatException.class, () -> LanguageModelFiles.load(store, dir));
        assertTrue(e.getMessage().contains("float32") && e.getMessage().contains("float64"), e.getMessage());
    }

    @Test
    void truncatedParamsNpzIsAFormatErrorSayingTruncated() throws IOException {
        RnnLanguageModel model = RnnLanguageModel.initialize(WORDS, HIDDEN, 4, Dtype.FLOAT, 3);
        String dir = dir("truncated");
        LanguageModelFiles.save(store, dir, model, vocabulary(WORDS), LanguageModelFiles.describe(model, 0.005, 0, 0, List.of()));
        Path params = tmp.resolve("truncated").resolve(LanguageModelFiles.PARAMS);
        byte[] whole = Files.readAllBytes(params);

        for (int keep : new int[] {whole.length / 3, whole.length / 2, whole.length - 10}) {
            Files.write(params, Arrays.copyOf(whole, keep));
            ModelFormatException e = assertThrows(ModelFormatException.class, () -> LanguageModelFiles.load(store, dir),
                    "params.npz cut to " + keep + " of " + whole.length + " bytes");
            assertTrue(e.getMessage().toLowerCase().contains("truncated"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @Test
    void paramsNpzThatIsNotAZipIsAFormatError() throws IOException {
        String dir = dir("not-zip");
        Files.createDirectories(tmp.resolve("not-zip"));
        Files.write(tmp.resolve("not-zip").resolve(LanguageModelFiles.PARAMS), "hello, not numpy".getBytes(StandardCharsets.UTF_8));
        writeVocab(dir, vocabulary(12));

        ModelFormatException e = assertThrows(ModelFormatException.class, () -> LanguageModelFiles.load(store, dir));
        assertTrue(e.getMessage().contains(".npz"), e.getMessage());
    }

    @Test
    void invalidModelJsonIsAFormatErrorNamingIt() throws IOException {
        String dir = dir("bad-json");
        writeNpz(dir, numpyModel(12, 5));
        writeVocab(dir, vocabulary(12));
        Files.writeString(tmp.resolve("bad-json").resolve(LanguageModelFiles.INFO), "{\"kind\": ");

        ModelFormatException e = assertThrows(ModelFormatException.class, () -> LanguageModelFiles.load(store, dir));
        assertTrue(e.getMessage().contains("model.json"), e.getMessage());
    }
}
