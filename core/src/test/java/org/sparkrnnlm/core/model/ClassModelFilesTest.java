package org.sparkrnnlm.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkrnnlm.core.lm.RnnLanguageModel;
import org.sparkrnnlm.core.lm.WordClasses;
import org.sparkrnnlm.core.store.FileStore;
import org.sparkrnnlm.core.store.LocalFileStore;
import org.sparkrnnlm.core.store.ModelFormatException;
import org.sparkrnnlm.core.store.NpyArray;
import org.sparkrnnlm.core.store.Npz;
import org.sparkrnnlm.core.tensor.Dtype;
import org.sparkrnnlm.core.text.Vocabulary;

/** A class-factored model's directory: X and the word classes in params.npz, "softmax": "class" in model.json. */
class ClassModelFilesTest {
    private static final int WORDS = 12;
    private static final int HIDDEN = 5;

    @TempDir
    Path tmp;

    private final LocalFileStore store = new LocalFileStore();

    private static Vocabulary vocabulary() {
        List<String> words = new ArrayList<>(List.of(Vocabulary.SENTENCE_START, Vocabulary.SENTENCE_END));
        for (int i = 2; i < WORDS - 1; i++) words.add("w" + i);
        return Vocabulary.ofWords(words);
    }

    private static RnnLanguageModel classModel(Dtype dtype) {
        long[] counts = {40, 40, 30, 20, 10, 9, 8, 7, 6, 5, 4, 90};
        return RnnLanguageModel.initialize(WORDS, HIDDEN, 4, dtype, 7, WordClasses.byFrequency(counts, 4));
    }

    private String save(RnnLanguageModel model, String name) throws IOException {
        String dir = tmp.resolve(name).toString();
        LanguageModelFiles.save(store, dir, model, vocabulary(), LanguageModelFiles.describe(model, 0.005, 0, 0, List.of()));
        return dir;
    }

    @Test
    void saveThenLoadGivesTheSameClassesAndBitIdenticalParameters() throws IOException {
        for (Dtype dtype : Dtype.values()) {
            RnnLanguageModel model = classModel(dtype);
            LanguageModelFiles.Loaded loaded = LanguageModelFiles.load(store, save(model, "m-" + dtype));
            assertEquals(model.classes(), loaded.model().classes());
            assertEquals(List.of("U", "W", "V", "X"), loaded.model().parameters().names());
            assertTrue(model.parameters().toVector().sameAs(loaded.model().parameters().toVector()), dtype.toString());
            assertTrue(loaded.info().isClassFactored());
        }
    }

    @Test
    void paramsNpzHoldsXAndEachWordsClassAsInt32() throws IOException {
        RnnLanguageModel model = classModel(Dtype.FLOAT);
        String dir = save(model, "npz");
        LinkedHashMap<String, NpyArray> arrays;
        try (InputStream in = store.open(FileStore.join(dir, LanguageModelFiles.PARAMS))) {
            arrays = Npz.read(in);
        }
        assertArrayEquals(new long[] {4, HIDDEN}, arrays.get("X").shape());
        assertEquals("int32", arrays.get(LanguageModelFiles.CLASSES).dtypeName());
        assertArrayEquals(model.classes().toArray(), arrays.get(LanguageModelFiles.CLASSES).ints());
        String json = Files.readString(Path.of(dir, LanguageModelFiles.INFO), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"softmax\" : \"class\""), json);
    }

    @Test
    void aFullSoftmaxModelWritesNoSoftmaxFieldAndLoadsAsBefore() throws IOException {
        RnnLanguageModel model = RnnLanguageModel.initialize(WORDS, HIDDEN, 4, Dtype.FLOAT, 7);
        String dir = save(model, "full");
        String json = Files.readString(Path.of(dir, LanguageModelFiles.INFO), StandardCharsets.UTF_8);
        assertFalse(json.contains("softmax"), json);
        LanguageModelFiles.Loaded loaded = LanguageModelFiles.load(store, dir);
        assertNull(loaded.model().classes());
        assertFalse(loaded.info().isClassFactored());
        assertEquals(List.of("U", "W", "V"), loaded.model().parameters().names());
    }

    @Test
    void aBareNumpyDirectoryWithClassesLoadsClassFactored() throws IOException {
        RnnLanguageModel model = classModel(Dtype.DOUBLE);
        String dir = save(model, "bare");
        Files.delete(Path.of(dir, LanguageModelFiles.INFO));
        LanguageModelFiles.Loaded loaded = LanguageModelFiles.load(store, dir);
        assertEquals(model.classes(), loaded.model().classes());
        assertTrue(loaded.info().isClassFactored());
    }

    @Test
    void aClassWithoutWordsIsAFormatError() throws IOException {
        RnnLanguageModel model = classModel(Dtype.FLOAT);
        String dir = save(model, "empty-class");
        Files.delete(Path.of(dir, LanguageModelFiles.INFO));
        LinkedHashMap<String, NpyArray> arrays;
        try (InputStream in = store.open(FileStore.join(dir, LanguageModelFiles.PARAMS))) {
            arrays = Npz.read(in);
        }
        int[] classes = arrays.get(LanguageModelFiles.CLASSES).ints().clone();
        for (int w = 0; w < classes.length; w++) if (classes[w] == 1) classes[w] = 0;
        arrays.put(LanguageModelFiles.CLASSES, NpyArray.ofInts(new long[] {WORDS}, classes));
        try (OutputStream out = store.create(FileStore.join(dir, LanguageModelFiles.PARAMS))) {
            Npz.write(arrays, out);
        }
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> LanguageModelFiles.load(store, dir));
        assertTrue(e.getMessage().contains("word class 1 of 4 holds no word"), e.getMessage());
    }
}
