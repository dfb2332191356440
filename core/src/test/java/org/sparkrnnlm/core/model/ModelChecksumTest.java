package org.sparkrnnlm.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkrnnlm.core.lm.RnnLanguageModel;
import org.sparkrnnlm.core.store.LocalFileStore;
import org.sparkrnnlm.core.store.ModelFormatException;
import org.sparkrnnlm.core.tensor.Dtype;
import org.sparkrnnlm.core.text.Vocabulary;

class ModelChecksumTest {
    @TempDir
    Path dir;

    private static Vocabulary vocabulary(int size) {
        List<String> words = new ArrayList<>(List.of(Vocabulary.SENTENCE_START, Vocabulary.SENTENCE_END));
        for (int i = 2; i < size - 1; i++) words.add("w" + i);
        return Vocabulary.ofWords(words);
    }

    private String save(String name, long seed) throws Exception {
        RnnLanguageModel model = RnnLanguageModel.initialize(12, 5, 4, Dtype.FLOAT, seed);
        String path = dir.resolve(name).toString();
        LanguageModelFiles.save(new LocalFileStore(), path, model, vocabulary(12),
                LanguageModelFiles.describe(model, 0.005, 0, 0, List.of()));
        return path;
    }

    @Test
    void modelJsonRecordsAChecksumPerArray() throws Exception {
        String path = save("m", 1);
        ModelInfo info = LanguageModelFiles.load(new LocalFileStore(), path).info();
        assertEquals(List.of("U", "V", "W"), new ArrayList<>(info.checksums().keySet()));
        assertTrue(info.checksums().values().stream().allMatch(h -> h.matches("[0-9a-f]{64}")));
    }

    @Test
    void paramsThatDoNotMatchModelJsonFailToLoad() throws Exception {
        String a = save("a", 1);
        String b = save("b", 2);
        Files.copy(Path.of(b, "params.npz"), Path.of(a, "params.npz"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> LanguageModelFiles.load(new LocalFileStore(), a));
        assertTrue(e.getMessage().contains("does not match its checksum"), e.getMessage());
    }

    @Test
    void aDirectoryWithoutModelJsonStillLoads() throws Exception {
        String a = save("plain", 3);
        Files.delete(Path.of(a, "model.json"));
        assertEquals(5, LanguageModelFiles.load(new LocalFileStore(), a).model().hiddenSize());
    }
}
