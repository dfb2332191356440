package org.sparkrnnlm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The nightly batch: preprocess with the published model's vocabulary, continue training, publish, move LATEST. */
class RetrainingTest {
    @TempDir
    Path dir;

    private static String latest(Path registry) throws Exception {
        return Files.readString(registry.resolve("LATEST")).trim();
    }

    private static long versions(Path registry) throws Exception {
        try (Stream<Path> s = Files.list(registry)) {
            return s.filter(p -> p.getFileName().toString().startsWith("model-")).count();
        }
    }

    private CliRun train(String data, String output, Path registry, String... init) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--data", data, "--output", output, "--publish",
                registry.toString(), "--hidden", "8", "--epochs", "1", "--vocab-size", "40", "--master", "local[2]"));
        args.addAll(List.of(init));
        return CliRun.of(args.toArray(new String[0]));
    }

    @Test
    void eachBatchPublishesANewVersionAndMovesLatestAndARerunChangesNothing() throws Exception {
        Path registry = dir.resolve("models");
        Path first = Corpora.write(dir, "day1.txt", Corpora.lines(80, 1));
        CliRun day1 = train(first.toString(), dir.resolve("run1").toString(), registry);
        assertEquals(0, day1.status(), day1.err());
        String v1 = latest(registry);
        assertTrue(Files.exists(registry.resolve(v1).resolve("params.npz")));

        Path raw = dir.resolve("day2.csv");
        Files.write(raw, Stream.concat(Stream.of("body"), Corpora.lines(60, 2).stream().map(l -> "\"" + l + "\"")).toList());
        CliRun preprocess = CliRun.of("preprocess", "--input", raw.toString(), "--output", dir.resolve("day2").toString(),
                "--vocab", registry.toString(), "--master", "local[2]");
        assertEquals(0, preprocess.status(), preprocess.err());
        assertEquals(Files.readAllLines(registry.resolve(v1).resolve("vocab.tsv")),
                Files.readAllLines(dir.resolve("day2").resolve("vocab.tsv")), "the batch keeps the model's ids");

        CliRun day2 = train(dir.resolve("day2").toString(), dir.resolve("run2").toString(), registry, "--init", registry.toString());
        assertEquals(0, day2.status(), day2.err());
        String v2 = latest(registry);
        assertNotEquals(v1, v2);
        assertEquals(2, versions(registry));

        byte[] published = Files.readAllBytes(registry.resolve(v2).resolve("params.npz"));
        CliRun again = train(dir.resolve("day2").toString(), dir.resolve("run2").toString(), registry, "--init", registry.resolve(v1).toString());
        assertEquals(0, again.status(), again.err());
        assertTrue(again.err().contains("already published"), again.err());
        assertEquals(v2, latest(registry));
        assertEquals(2, versions(registry));
        assertTrue(java.util.Arrays.equals(published, Files.readAllBytes(registry.resolve(v2).resolve("params.npz"))));
    }
}
