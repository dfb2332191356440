package org.sparkrnnlm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkrnnlm.core.model.LanguageModelFiles;
import org.sparkrnnlm.core.store.LocalFileStore;
import org.sparkrnnlm.core.text.TextSentences;
import org.sparkrnnlm.core.train.ExampleScorer;
import org.sparkrnnlm.core.train.LossTotals;

class CommandLineTest {
    @TempDir
    static Path dir;
    static Path data;
    static String model;

    @BeforeAll
    static void trainSmallModel() throws Exception {
        data = Corpora.write(dir, "train.txt", Corpora.lines(120, 8));
        String out = dir.resolve("run").toString();
        CliRun run = CliRun.of("train", "--data", data.toString(), "--output", out, "--hidden", "10", "--epochs", "2",
                "--lr", "0.05", "--master", "local[2]");
        assertEquals(0, run.status(), run.err());
        model = out + "/model";
    }

    @Test
    void evaluatePrintsTheSpecsJsonWithTheCoresFigures() throws Exception {
        CliRun run = CliRun.of("evaluate", "--model", model, "--data", data.toString(), "--master", "local[2]");
        assertEquals(0, run.status(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("sentences", "tokens", "loss", "per_token_loss", "perplexity"), keys);

        LanguageModelFiles.Loaded loaded = LanguageModelFiles.load(new LocalFileStore(), model);
        List<int[]> ids = new ArrayList<>();
        for (String line : Files.readAllLines(data)) ids.add(loaded.vocabulary().encode(TextSentences.tokens(line)));
        LossTotals expected = new ExampleScorer<>(loaded.model().spec()).score(ids, loaded.model().parameters());
        assertEquals(expected.examples(), json.get("sentences").asLong());
        assertEquals(expected.targets(), json.get("tokens").asLong());
        assertEquals(expected.loss(), json.get("loss").asDouble(), 1e-9);
        assertEquals(expected.perTargetLoss(), json.get("per_token_loss").asDouble(), 1e-9);
        assertEquals(Math.exp(json.get("per_token_loss").asDouble()), json.get("perplexity").asDouble(), 1e-9);
    }

    @Test
    void generatePrintsOneSentencePerLineWithoutMarkersOrUnknownWords() {
        CliRun run = CliRun.of("generate", "--model", model, "--count", "7", "--seed", "3");
        assertEquals(0, run.status(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(7, lines.size());
        for (String line : lines) {
            assertFalse(line.contains("UNKNOWN_TOKEN") || line.contains("SENTENCE_START") || line.contains("SENTENCE_END"), line);
        }
        assertEquals(run.out(), CliRun.of("generate", "--model", model, "--count", "7", "--seed", "3").out(), "same seed, same sentences");
    }

    @Test
    void aMissingDataFileIsAOneLineFailure() {
        CliRun run = CliRun.of("train", "--data", dir.resolve("nope.txt").toString(), "--output", dir.resolve("x").toString(),
                "--master", "local[1]");
        assertEquals(ExitCode.BAD_INPUT.status(), run.status());
        assertTrue(run.errorLine().contains("does not exist"), run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace without --verbose");
    }

    @Test
    void emptyDataIsAOneLineFailure() throws Exception {
        Path empty = Corpora.write(dir, "empty.txt", List.of("", "  "));
        CliRun run = CliRun.of("train", "--data", empty.toString(), "--output", dir.resolve("e").toString(), "--master", "local[1]");
        assertEquals(ExitCode.BAD_INPUT.status(), run.status());
        assertTrue(run.errorLine().contains("holds no sentences"), run.err());
    }

    @Test
    void aTruncatedNpzIsAOneLineFailure() throws Exception {
        Path broken = dir.resolve("broken");
        Files.createDirectories(broken);
        byte[] params = Files.readAllBytes(Path.of(model, "params.npz"));
        Files.write(broken.resolve("params.npz"), java.util.Arrays.copyOf(params, params.length / 2));
        Files.copy(Path.of(model, "vocab.tsv"), broken.resolve("vocab.tsv"));
        CliRun run = CliRun.of("generate", "--model", broken.toString());
        assertEquals(ExitCode.BAD_INPUT.status(), run.status());
        assertTrue(run.errorLine().contains("truncated"), run.err());
    }

    @Test
    void anNpzWithWrongShapesIsAOneLineFailure() throws Exception {
        Path wrong = dir.resolve("wrong");
        Files.createDirectories(wrong);
        Files.copy(Path.of(model, "params.npz"), wrong.resolve("params.npz"));
        Files.write(wrong.resolve("vocab.tsv"), List.of("SENTENCE_START\t1", "SENTENCE_END\t1", "UNKNOWN_TOKEN\t0"));
        CliRun run = CliRun.of("generate", "--model", wrong.toString());
        assertEquals(ExitCode.BAD_INPUT.status(), run.status());
        assertTrue(run.errorLine().contains("3 words"), run.err());
    }

    @Test
    void anNpzWithAnIntegerDtypeIsAOneLineFailure() throws Exception {
        Path ints = dir.resolve("ints");
        Files.createDirectories(ints);
        String header = "{'descr': '<i4', 'fortran_order': False, 'shape': (2, 2), }";
        header = header + " ".repeat(63 - (10 + header.length()) % 64) + "\n";
        java.io.ByteArrayOutputStream npy = new java.io.ByteArrayOutputStream();
        npy.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) header.length(), 0});
        npy.write(header.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        npy.write(new byte[16]);
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(ints.resolve("params.npz")))) {
            for (String name : List.of("U", "W", "V")) {
                zip.putNextEntry(new java.util.zip.ZipEntry(name + ".npy"));
                zip.write(npy.toByteArray());
                zip.closeEntry();
            }
        }
        Files.copy(Path.of(model, "vocab.tsv"), ints.resolve("vocab.tsv"));
        CliRun run = CliRun.of("generate", "--model", ints.toString());
        assertEquals(ExitCode.BAD_INPUT.status(), run.status());
        assertTrue(run.errorLine().contains("<i4"), run.err());
    }

    @Test
    void aMissingModelDirectoryIsAOneLineFailure() {
        CliRun run = CliRun.of("generate", "--model", dir.resolve("absent").toString());
        assertEquals(ExitCode.BAD_INPUT.status(), run.status());
        assertTrue(run.errorLine().contains("params.npz"), run.err());
    }

    @Test
    void invalidFlagsAreUsageErrors() {
        assertEquals(2, CliRun.of("train", "--data", data.toString(), "--output", "o", "--hidden", "0").status());
        assertEquals(2, CliRun.of("train", "--data", data.toString(), "--output", "o", "--mode", "sideways").status());
        assertEquals(2, CliRun.of("train", "--data", data.toString(), "--output", "o", "--dtype", "half").status());
        assertEquals(2, CliRun.of("train", "--data", data.toString()).status());
        assertEquals(2, CliRun.of("generate", "--model", model, "--count", "many").status());
        assertEquals(2, CliRun.of("frobnicate").status());
        CliRun run = CliRun.of("train", "--data", data.toString(), "--output", "o", "--epochs", "-1");
        assertEquals(2, run.status());
        assertTrue(run.errorLine().contains("--epochs"), run.err());
    }

    @Test
    void anOutputDirectoryWithARunIsNotOverwrittenWithoutResume() {
        CliRun run = CliRun.of("train", "--data", data.toString(), "--output", dir.resolve("run").toString(), "--master", "local[1]");
        assertEquals(2, run.status());
        assertTrue(run.errorLine().contains("--resume"), run.err());
    }

    @Test
    void helpListsTheCommandsOptions() {
        CliRun run = CliRun.of("train", "--help");
        assertEquals(0, run.status());
        assertTrue(run.out().contains("--bptt-truncate") && run.out().contains("--sentences-per-round"), run.out());
    }
}
