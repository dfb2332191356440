package org.sparkrnnlm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkrnnlm.core.model.LanguageModelFiles;
import org.sparkrnnlm.core.store.LocalFileStore;

/** Settings given for a model that already exists (--init, --resume) apply or are refused; never ignored. */
class ContinuingAModelTest {
    @TempDir
    static Path dir;
    static Path data;
    static String run;

    @BeforeAll
    static void trainSmallModel() throws Exception {
        data = Corpora.write(dir, "train.txt", Corpora.lines(60, 6));
        run = dir.resolve("run").toString();
        CliRun first = CliRun.of("train", "--data", data.toString(), "--output", run, "--hidden", "10", "--epochs", "1",
                "--lr", "0.05", "--master", "local[1]");
        assertEquals(0, first.status(), first.err());
    }

    private static CliRun train(String output, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--data", data.toString(), "--output", output, "--epochs", "1",
                "--lr", "0.05", "--master", "local[1]"));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(new String[0]));
    }

    @Test
    void aTruncationGivenWithInitTrainsWithThatTruncation() throws Exception {
        String out = dir.resolve("init-bptt").toString();
        CliRun r = train(out, "--init", run + "/model", "--bptt-truncate", "3");
        assertEquals(0, r.status(), r.err());
        assertEquals(4, LanguageModelFiles.load(new LocalFileStore(), run + "/model").info().bpttTruncate(), "the start model's own");
        assertEquals(3, LanguageModelFiles.load(new LocalFileStore(), out + "/model").info().bpttTruncate());
    }

    @Test
    void aHiddenSizeThatContradictsTheInitModelIsAUsageError() {
        CliRun r = train(dir.resolve("init-hidden").toString(), "--init", run + "/model", "--hidden", "20");
        assertEquals(2, r.status(), r.err());
        assertTrue(r.errorLine().contains("--hidden 20 contradicts the --init model"), r.err());
        assertEquals(1, r.err().lines().filter(l -> l.startsWith("rnnlm ")).count(), r.err());
    }

    @Test
    void aDtypeOrVocabularySizeThatContradictsTheInitModelIsAUsageError() {
        CliRun dtype = train(dir.resolve("init-dtype").toString(), "--init", run + "/model", "--dtype", "double");
        assertEquals(2, dtype.status(), dtype.err());
        assertTrue(dtype.errorLine().contains("--dtype float64 contradicts"), dtype.err());
        CliRun size = train(dir.resolve("init-vocab").toString(), "--init", run + "/model", "--vocab-size", "9");
        assertEquals(2, size.status(), size.err());
        assertTrue(size.errorLine().contains("--vocab-size 9 contradicts"), size.err());
    }

    @Test
    void resumingWithAnotherHiddenSizeFailsBeforeAnyWorkNamingTheSetting() throws Exception {
        Path copy = dir.resolve("resume-hidden");
        copyTree(Path.of(run), copy);
        CliRun r = train(copy.toString(), "--resume", "--hidden", "20");
        assertEquals(2, r.status(), r.err());
        assertTrue(r.errorLine().contains("--hidden 20 contradicts the run's checkpoint"), r.err());
        assertFalse(r.err().contains("IndexOutOfBounds") || r.err().contains("loss after"), "no training ran: " + r.err());
    }

    @Test
    void theTrainingOutputHoldsNoHiddenCompanionFiles() throws Exception {
        try (var names = Files.list(Path.of(run))) {
            List<String> hidden = names.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
            assertEquals(List.of(), hidden);
        }
    }

    @Test
    void metricsHoldTheTrainingLossOfTheEpochsBeforeEachEvaluation() throws Exception {
        List<String> lines = Files.readAllLines(Path.of(run, "metrics.jsonl"));
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertEquals(2, lines.size(), "before training and after the epoch");
        assertFalse(json.readTree(lines.get(0)).has("training_loss"), "nothing trained before the first evaluation");
        double trainingLoss = json.readTree(lines.get(1)).get("training_loss").asDouble();
        assertTrue(trainingLoss > 0 && trainingLoss < 2 * Math.log(100), "training loss " + trainingLoss);
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (var paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
    }
}
