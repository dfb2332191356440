package org.sparkrnnlm.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkrnnlm.core.lm.RnnLanguageModel;
import org.sparkrnnlm.core.regression.RegressionSpec;
import org.sparkrnnlm.core.regression.RnnRegressionModel;
import org.sparkrnnlm.core.rnn.Activation;
import org.sparkrnnlm.core.store.FileStore;
import org.sparkrnnlm.core.store.LocalFileStore;
import org.sparkrnnlm.core.store.ModelFormatException;
import org.sparkrnnlm.core.store.NpyArray;
import org.sparkrnnlm.core.store.Npz;
import org.sparkrnnlm.core.tensor.Dtype;
import org.sparkrnnlm.core.text.Vocabulary;

class RegressionModelFilesTest {
    @TempDir
    Path tmp;
    private final LocalFileStore store = new LocalFileStore();

    private static RnnRegressionModel model(Dtype dtype, Activation g, boolean everyStep, int truncate) {
        return RnnRegressionModel.initialize(new RegressionSpec(2, 6, 3, truncate, g, everyStep, dtype), 7);
    }

    private String save(RnnRegressionModel m, String name) throws Exception {
        String dir = tmp.resolve(name).toString();
        RegressionModelFiles.save(store, dir, m, RegressionModelFiles.describe(m.spec(), new ModelInfo.Progress(0.01, 4, 800, List.of(new double[] {0, 1.5}, new double[] {800, 0.2}))));
        return dir;
    }

    @Test
    void paramsNpzHoldsTheFiveArraysInTheEquationsShapes() throws Exception {
        String dir = save(model(Dtype.FLOAT, Activation.SIGMOID, false, RegressionSpec.FULL_BPTT), "m");
        LinkedHashMap<String, NpyArray> arrays;
        try (var in = store.open(FileStore.join(dir, ModelDirectory.PARAMS))) {
            arrays = Npz.read(in);
        }
        assertEquals(List.of("W_uh", "W_hh", "W_hy", "b_h", "b_y"), List.copyOf(arrays.keySet()));
        assertArrayEquals(new long[] {6, 2}, arrays.get("W_uh").shape());
        assertArrayEquals(new long[] {6, 6}, arrays.get("W_hh").shape());
        assertArrayEquals(new long[] {3, 6}, arrays.get("W_hy").shape());
        assertArrayEquals(new long[] {6}, arrays.get("b_h").shape());
        assertArrayEquals(new long[] {3}, arrays.get("b_y").shape());
        assertFalse(arrays.get("W_uh").isDouble());
    }

    @Test
    void aSavedModelLoadsWithItsSettingsAndTrainingRecord() throws Exception {
        RnnRegressionModel m = model(Dtype.DOUBLE, Activation.TANH, true, 3);
        RegressionModelFiles.Loaded back = RegressionModelFiles.load(store, save(m, "m"));
        assertEquals(m.spec(), back.model().spec());
        for (String name : RnnRegressionModel.ARRAYS) {
            assertEquals(m.parameters().get(name), back.model().parameters().get(name), name);
        }
        assertEquals(RegressionModelInfo.KIND, back.info().kind());
        assertEquals("tanh", back.info().activation());
        assertEquals(4, back.info().epoch());
        assertEquals(800, back.info().examplesSeen());
        assertEquals(2, back.info().lossHistory().size());
    }

    @Test
    void modelJsonNamesTheRegressionSizesAndNoVocabulary() throws Exception {
        String json = Files.readString(Path.of(save(model(Dtype.FLOAT, Activation.SIGMOID, false, RegressionSpec.FULL_BPTT), "m"),
                ModelDirectory.INFO));
        assertTrue(json.contains("\"kind\" : \"sequence_regression\""), json);
        assertTrue(json.contains("\"input_size\" : 2"), json);
        assertTrue(json.contains("\"output_size\" : 3"), json);
        assertTrue(json.contains("\"output_every_step\" : false"), json);
        assertTrue(json.contains("\"bptt_truncate\" : -1"), json);
        assertFalse(json.contains("vocabulary_size"), json);
    }

    @Test
    void aParamsNpzWrittenByNumpyAloneLoadsWithTheDefaultSettings() throws Exception {
        RnnRegressionModel m = model(Dtype.DOUBLE, Activation.SIGMOID, false, RegressionSpec.FULL_BPTT);
        Path dir = Files.createDirectories(tmp.resolve("numpy"));
        try (OutputStream out = Files.newOutputStream(dir.resolve(ModelDirectory.PARAMS))) {
            Npz.write(ModelDirectory.toNumpy(m.parameters()), out);
        }
        RegressionModelFiles.Loaded back = RegressionModelFiles.load(store, dir.toString());
        assertEquals(m.spec(), back.model().spec());
    }

    @Test
    void aLanguageModelDirectoryIsRefusedWithAClearMessage() throws Exception {
        String dir = tmp.resolve("lm").toString();
        RnnLanguageModel lm = RnnLanguageModel.initialize(5, 3, 4, Dtype.FLOAT, 1);
        LanguageModelFiles.save(store, dir, lm, Vocabulary.ofWords(List.of("SENTENCE_START", "SENTENCE_END", "a", "b", "UNKNOWN_TOKEN")), LanguageModelFiles.describe(lm,
                ModelInfo.Progress.untrained(0.005)));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> RegressionModelFiles.load(store, dir));
        assertTrue(e.getMessage().contains("not a sequence regression model"), e.getMessage());
    }

    @Test
    void aRegressionModelDirectoryIsRefusedAsALanguageModel() throws Exception {
        String dir = save(model(Dtype.FLOAT, Activation.SIGMOID, false, RegressionSpec.FULL_BPTT), "m");
        Exception e = assertThrows(ModelFormatException.class, () -> LanguageModelFiles.load(store, dir));
        assertTrue(e.getMessage().contains("holds a sequence_regression model, not a language model"), e.getMessage());
    }

    @Test
    void arraysOfMismatchedShapesAreRefusedNamingTheArray() throws Exception {
        RnnRegressionModel m = model(Dtype.FLOAT, Activation.SIGMOID, false, RegressionSpec.FULL_BPTT);
        LinkedHashMap<String, NpyArray> arrays = ModelDirectory.toNumpy(m.parameters());
        arrays.put("b_h", NpyArray.ofFloats(new long[] {5}, new float[5]));
        Path dir = Files.createDirectories(tmp.resolve("bad"));
        try (OutputStream out = Files.newOutputStream(dir.resolve(ModelDirectory.PARAMS))) {
            Npz.write(arrays, out);
        }
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> RegressionModelFiles.load(store, dir.toString()));
        assertTrue(e.getMessage().contains("b_h has shape [5], expected [6]"), e.getMessage());
    }

    @Test
    void initialWeightsAreNormalWithScaleOneHundredthAndBiasesZero() {
        RnnRegressionModel m = RnnRegressionModel.initialize(new RegressionSpec(50, 200, 1, -1, Activation.SIGMOID, false, Dtype.DOUBLE), 3);
        var w = m.parameters().get(RnnRegressionModel.W_HH);
        assertEquals(0.0, w.meanNumber().doubleValue(), 3e-4);
        assertEquals(0.01, w.stdNumber().doubleValue(), 2e-4);
        assertEquals(0.0, m.parameters().get(RnnRegressionModel.B_H).norm2Number().doubleValue());
        assertEquals(0.0, m.parameters().get(RnnRegressionModel.B_Y).norm2Number().doubleValue());
        RnnRegressionModel again = RnnRegressionModel.initialize(m.spec(), 3);
        RnnRegressionModel other = RnnRegressionModel.initialize(m.spec(), 4);
        assertEquals(w, again.parameters().get(RnnRegressionModel.W_HH));
        assertFalse(w.equals(other.parameters().get(RnnRegressionModel.W_HH)));
    }
}
