package org.sparkrnnlm.jobs.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkrnnlm.core.regression.Sequence;
import org.sparkrnnlm.jobs.hadoop.HadoopFileStore;

class DotProductTaskTest {
    @TempDir
    Path dir;

    private static List<Sequence> draw(int steps, int count, long seed) {
        List<Sequence> out = new ArrayList<>();
        new DotProductTask(steps).sequences(count, seed).forEachRemaining(out::add);
        return out;
    }

    @Test
    void sameSeedGivesTheSameSequences() {
        assertEquals(draw(10, 20, 42), draw(10, 20, 42));
    }

    @Test
    void otherSeedsGiveOtherSequences() {
        assertNotEquals(draw(10, 20, 1), draw(10, 20, 2));
    }

    @Test
    void targetIsTheSumOfTheStepsProducts() {
        for (Sequence s : draw(7, 50, 3)) {
            assertEquals(7, s.steps());
            assertEquals(2, s.inputSize());
            double sum = 0;
            for (int t = 0; t < s.steps(); t++) {
                assertTrue(s.input(t, 0) >= -1 && s.input(t, 0) < 1 && s.input(t, 1) >= -1 && s.input(t, 1) < 1);
                sum += s.input(t, 0) * s.input(t, 1);
            }
            assertEquals(1, s.target().length);
            assertEquals(sum, s.target()[0], 0.0);
        }
    }

    @Test
    void drawsStepByStepX0BeforeX1SequenceAfterSequence() {
        Random r = new Random(5);
        List<Sequence> seqs = draw(3, 2, 5);
        for (Sequence s : seqs) {
            for (int t = 0; t < 3; t++) {
                assertEquals(2 * r.nextDouble() - 1, s.input(t, 0), 0.0);
                assertEquals(2 * r.nextDouble() - 1, s.input(t, 1), 0.0);
            }
        }
    }

    @Test
    void writesOneJsonLinePerSequenceAndNoTemporaryFile() throws IOException {
        Path file = dir.resolve("sub/train.jsonl");
        long written = new DotProductTask(4).write(new HadoopFileStore(new Configuration()), file.toString(), 30, 8);
        assertEquals(30, written);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Sequence> expected = draw(4, 30, 8);
        assertEquals(30, lines.size());
        for (int i = 0; i < lines.size(); i++) {
            byte[] b = lines.get(i).getBytes(StandardCharsets.UTF_8);
            assertEquals(expected.get(i), new SequenceLineParser(1 << 20, SequenceShape.ANY, false).parse(b, b.length, () -> "").sequence());
        }
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(List.of(), files.map(p -> p.getFileName().toString()).filter(n -> n.contains("tmp")).toList());
        }
    }

    @Test
    void refusesToOverwriteAFile() throws IOException {
        Path file = Files.writeString(dir.resolve("taken.jsonl"), "keep me\n");
        HadoopFileStore store = new HadoopFileStore(new Configuration());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DotProductTask(4).write(store, file.toString(), 3, 1));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        assertEquals("keep me\n", Files.readString(file));
    }
}
