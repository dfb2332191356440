package org.sparkrnnlm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.sparkrnnlm.core.lm.RnnLanguageModel;
import org.sparkrnnlm.core.model.LanguageModelFiles;
import org.sparkrnnlm.core.model.OptimizerStateFile;
import org.sparkrnnlm.core.optim.LearningRateSchedule;
import org.sparkrnnlm.core.optim.Optimizer;
import org.sparkrnnlm.core.optim.OptimizerSettings;
import org.sparkrnnlm.core.optim.OptimizerState;
import org.sparkrnnlm.core.optim.UpdateRule;
import org.sparkrnnlm.core.store.LocalFileStore;
import org.sparkrnnlm.core.tensor.Dtype;
import org.sparkrnnlm.core.tensor.Parameters;
import org.sparkrnnlm.core.text.Vocabulary;
import org.sparkrnnlm.core.train.SequentialBackend;
import org.sparkrnnlm.core.train.TrainingListener;
import org.sparkrnnlm.core.train.TrainingLoop;

/** Every update rule keeps the equivalences SGD has: one partition is sequential, gradient mode is minibatch, resume continues. */
class OptimizerEquivalenceTest {
    private static final double LR = 0.01;
    @TempDir
    Path dir;

    private static Parameters sequential(List<String> lines, Optimizer optimizer, Integer batchSize, LearningRateSchedule schedule) {
        Corpora.Encoded encoded = Corpora.encode(lines, 30);
        Vocabulary vocabulary = encoded.vocabulary();
        List<int[]> ids = encoded.ids();
        RnnLanguageModel model = RnnLanguageModel.initialize(vocabulary.size(), 12, 4, Dtype.FLOAT, 10);
        OptimizerSettings settings = OptimizerSettings.defaults(optimizer).withClipNorm(5.0);
        Parameters all = OptimizerState.attach(model.parameters(), UpdateRule.of(settings));
        Parameters trained = new TrainingLoop(2, 1, LR).schedule(schedule).run(new SequentialBackend<>(model.spec(), ids, null, null, batchSize, settings),
                all, 0, new TrainingListener() { });
        return OptimizerState.weights(trained);
    }

    private CliRun train(Path data, String out, Optimizer optimizer, int epochs, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--data", data.toString(), "--output", out, "--partitions", "1",
                "--no-shuffle", "--hidden", "12", "--vocab-size", "30", "--epochs", String.valueOf(epochs), "--evaluate-every", "1",
                "--lr", String.valueOf(LR), "--sentences-per-round", "37", "--optimizer", optimizer.lowerCase(), "--clip-norm", "5",
                "--master", "local[2]"));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(new String[0]));
    }

    private static Parameters model(String out) throws Exception {
        return LanguageModelFiles.load(new LocalFileStore(), out + "/model").model().parameters();
    }

    /** The flags for a schedule: none for the rule's default with the full softmax. */
    private static String[] scheduleFlags(Optimizer optimizer, LearningRateSchedule schedule) {
        return schedule == RnnLanguageModel.defaultSchedule(optimizer) ? new String[0] : new String[] {"--lr-schedule", schedule.lowerCase()};
    }

    @ParameterizedTest(name = "{0}, {1} rate")
    @CsvSource({"ADAGRAD,CONSTANT", "ADAM,LINEAR", "ADAM,CONSTANT", "ADAGRAD,LINEAR", "SGD,LINEAR"})
    void onePartitionInAverageModeEqualsSequentialTrainingBitForBit(Optimizer optimizer, LearningRateSchedule schedule) throws Exception {
        List<String> lines = Corpora.lines(120, 3);
        Path data = Corpora.write(dir, "train.txt", lines);
        String out = dir.resolve("avg").toString();
        CliRun run = train(data, out, optimizer, 2, scheduleFlags(optimizer, schedule));
        assertEquals(0, run.status(), run.err());
        assertTrue(sequential(lines, optimizer, null, schedule).toVector().sameAs(model(out).toVector()));
    }

    @ParameterizedTest(name = "{0}, {1} rate")
    @CsvSource({"ADAGRAD,CONSTANT", "ADAM,LINEAR", "ADAM,CONSTANT", "SGD,LINEAR"})
    void gradientModeOnOnePartitionEqualsMinibatchTrainingBitForBit(Optimizer optimizer, LearningRateSchedule schedule) throws Exception {
        List<String> lines = Corpora.lines(100, 6);
        Path data = Corpora.write(dir, "train.txt", lines);
        String out = dir.resolve("grad").toString();
        CliRun run = train(data, out, optimizer, 2, "--lr-schedule", schedule.lowerCase(), "--mode", "gradient", "--batch-size", "16");
        assertEquals(0, run.status(), run.err());
        assertTrue(sequential(lines, optimizer, 16, schedule).toVector().sameAs(model(out).toVector()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ADAGRAD", "ADAM"})
    void aResumedRunContinuesWithItsOptimizerStateBitForBit(Optimizer optimizer) throws Exception {
        Path data = Corpora.write(dir, "train.txt", Corpora.lines(80, 7));
        String whole = dir.resolve("whole").toString();
        assertEquals(0, train(data, whole, optimizer, 2, "--lr-schedule", "constant").status());
        String part = dir.resolve("part").toString();
        assertEquals(0, train(data, part, optimizer, 1, "--lr-schedule", "constant").status());
        CliRun resumed = train(data, part, optimizer, 2, "--lr-schedule", "constant", "--resume");
        assertEquals(0, resumed.status(), resumed.err());
        assertTrue(model(whole).toVector().sameAs(model(part).toVector()), "resumed run differs");
        assertTrue(Files.exists(Path.of(part, "checkpoints", "epoch-0001", OptimizerStateFile.NAME)), "checkpoints hold the state");
        assertFalse(Files.exists(Path.of(part, "model", OptimizerStateFile.NAME)), "the published model holds only weights");
    }

    @org.junit.jupiter.api.Test
    void anInterruptedAdamRunWithItsLinearRateResumesBitForBit() throws Exception {
        Path data = Corpora.write(dir, "train.txt", Corpora.lines(80, 7));
        String whole = dir.resolve("whole").toString();
        assertEquals(0, train(data, whole, Optimizer.ADAM, 2, "--lr-schedule", "linear").status());
        Path part = dir.resolve("part");
        copyTree(Path.of(whole), part);
        // What a crash during epoch 2 leaves: epoch 1's checkpoint and no model yet.
        deleteTree(part.resolve("checkpoints").resolve("epoch-0002"));
        deleteTree(part.resolve("model"));
        CliRun resumed = train(data, part.toString(), Optimizer.ADAM, 2, "--lr-schedule", "linear", "--resume");
        assertEquals(0, resumed.status(), resumed.err());
        assertTrue(model(whole).toVector().sameAs(model(part.toString()).toVector()), "resumed run differs");
    }

    private static void copyTree(Path from, Path to) throws java.io.IOException {
        try (var files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) Files.copy(f, to.resolve(from.relativize(f).toString()));
        }
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        try (var files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) Files.delete(f);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"SGD", "ADAGRAD"})
    void resumingWithAnotherOptimizerIsAUsageError(Optimizer other) throws Exception {
        Path data = Corpora.write(dir, "train.txt", Corpora.lines(40, 8));
        String out = dir.resolve("run").toString();
        assertEquals(0, train(data, out, Optimizer.ADAM, 1).status());
        CliRun resumed = train(data, out, other, 2, "--resume");
        assertEquals(2, resumed.status(), resumed.err());
        assertTrue(resumed.errorLine().contains("--optimizer " + other.lowerCase() + " contradicts the run's checkpoint"), resumed.err());
    }
}
