package org.sparkrnnlm.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkrnnlm.core.lm.RnnLanguageModel;
import org.sparkrnnlm.core.store.AtomicReplace;
import org.sparkrnnlm.core.store.LocalFileStore;
import org.sparkrnnlm.core.tensor.Dtype;
import org.sparkrnnlm.core.text.Vocabulary;

/** A reader never sees a missing or partial model while a writer replaces it, nor a missing file. */
class ModelReplacementTest {
    private static final Vocabulary WORDS = Vocabulary.ofWords(List.of("SENTENCE_START", "SENTENCE_END", "a", "b", "UNKNOWN_TOKEN"));
    @TempDir
    Path tmp;
    private final LocalFileStore store = new LocalFileStore();

    private void replace(String dir, RnnLanguageModel m) throws Exception {
        AtomicReplace.directory(store, dir, d -> LanguageModelFiles.save(store, d, m, WORDS,
                LanguageModelFiles.describe(m, 0.005, 0, 0, List.of())));
    }

    @Test
    void aReaderSeesTheOldModelOrTheNewOneWhileAWriterReplacesIt() throws Exception {
        RnnLanguageModel a = RnnLanguageModel.initialize(5, 40, 4, Dtype.FLOAT, 1);
        RnnLanguageModel b = RnnLanguageModel.initialize(5, 40, 4, Dtype.FLOAT, 2);
        String dir = tmp.resolve("model").toString();
        replace(dir, a);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicReference<Throwable> writerFailed = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                for (int i = 0; i < 150; i++) replace(dir, i % 2 == 0 ? b : a);
            } catch (Throwable t) {
                writerFailed.set(t);
            } finally {
                writing.set(false);
            }
        });
        writer.start();
        List<String> seen = new ArrayList<>();
        int reads = 0;
        while (writing.get() || reads < 10) {
            RnnLanguageModel m = LanguageModelFiles.load(store, dir).model();
            String which = m.parameters().get("U").equals(a.parameters().get("U")) ? "a"
                    : m.parameters().get("U").equals(b.parameters().get("U")) ? "b" : "neither";
            seen.add(which);
            reads++;
        }
        writer.join();
        assertEquals(null, writerFailed.get());
        assertTrue(seen.stream().allMatch(w -> !w.equals("neither")), "a load mixed two models");
        assertTrue(reads >= 10, "reads: " + reads);
        try (var names = Files.list(tmp)) {
            assertEquals(List.of("model"), names.map(p -> p.getFileName().toString()).toList(), "no temporary left behind");
        }
    }

    @Test
    void aReplacedFileIsNeverMissing() throws Exception {
        Path file = tmp.resolve("LATEST");
        AtomicReplace.file(store, file.toString(), out -> out.write("v0\n".getBytes(StandardCharsets.UTF_8)));
        Thread writer = new Thread(() -> {
            try {
                for (int i = 1; i <= 300; i++) {
                    String v = "v" + i + "\n";
                    AtomicReplace.file(store, file.toString(), out -> out.write(v.getBytes(StandardCharsets.UTF_8)));
                }
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        writer.start();
        while (writer.isAlive()) {
            String text = Files.readString(file);
            assertTrue(text.matches("v\\d+\n"), "read '" + text + "'");
        }
        writer.join();
        assertEquals("v300\n", Files.readString(file));
    }

    @Test
    void aCrashBeforeTheNewDirectoryMovedInLeavesTheOldModelReadable() throws Exception {
        RnnLanguageModel a = RnnLanguageModel.initialize(5, 4, 4, Dtype.FLOAT, 1);
        String dir = tmp.resolve("model").toString();
        replace(dir, a);
        // The state between the two renames: the old model moved aside, the new one not yet in place.
        Files.move(tmp.resolve("model"), tmp.resolve(".model.old"));
        assertEquals(a.parameters().get("W"), LanguageModelFiles.load(store, dir).model().parameters().get("W"));
    }
}
