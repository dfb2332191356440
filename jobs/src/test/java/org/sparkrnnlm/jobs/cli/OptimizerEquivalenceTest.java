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
import org.junit.jupiter.params.provider.ValueSource;
import org.sparkrnnlm.core.lm.RnnLanguageModel;
import org.sparkrnnlm.core.model.LanguageModelFiles;
import org.sparkrnnlm.core.model.OptimizerStateFile;
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

    private static Parameters sequential(List<String> lines, Optimizer optimizer, Integer batchSize) {
        Corpora.Encoded encoded = Corpora.encode(lines, 30);
        Vocabulary vocabulary = encoded.vocabulary();
        List<int[]> ids = encoded.ids();
        RnnLanguageModel model = RnnLanguageModel.initialize(vocabulary.size(), 12, 4, Dtype.FLOAT, 10);
        OptimizerSettings settings = OptimizerSettings.defaults(optimizer).withClipNorm(5.0);
        Parameters all = OptimizerState.attach(model.parameters(), UpdateRule.of(settings));
        Parameters trained = new TrainingLoop(2, 1, LR).run(new SequentialBackend<>(model.spec(), ids, null, null, batchSize, settings),
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

    @ParameterizedTest
    @ValueSource(strings = {"ADAGRAD", "ADAM"})
    void onePartitionInAverageModeEqualsSequentialTrainingBitForBit(Optimizer optimizer) throws Exception {
        List<String> lines = Corpora.lines(120, 3);
        Path data = Corpora.write(dir, "train.txt", lines);
        String out = dir.resolve("avg").toString();
        CliRun run = train(data, out, optimizer, 2);
        assertEquals(0, run.status(), run.err());
        assertTrue(sequential(lines, optimizer, null).toVector().sameAs(model(out).toVector()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ADAGRAD", "ADAM"})
    void gradientModeOnOnePartitionEqualsMinibatchTrainingBitForBit(Optimizer optimizer) throws Exception {
        List<String> lines = Corpora.lines(100, 6);
        Path data = Corpora.write(dir, "train.txt", lines);
        String out = dir.resolve("grad").toString();
        CliRun run = train(data, out, optimizer, 2, "--mode", "gradient", "--batch-size", "16");
        assertEquals(0, run.status(), run.err());
        assertTrue(sequential(lines, optimizer, 16).toVector().sameAs(model(out).toVector()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ADAGRAD", "ADAM"})
    void aResumedRunContinuesWithItsOptimizerStateBitForBit(Optimizer optimizer) throws Exception {
        Path data = Corpora.write(dir, "train.txt", Corpora.lines(80, 7));
        String whole = dir.resolve("whole").toString();
        assertEquals(0, train(data, whole, optimizer, 2).status());
        String part = dir.resolve("part").toString();
        assertEquals(0, train(data, part, optimizer, 1).status());
        CliRun resumed = train(data, part, optimizer, 2, "--resume");
        assertEquals(0, resumed.status(), resumed.err());
        assertTrue(model(whole).toVector().sameAs(model(part).toVector()), "resumed run differs");
        assertTrue(Files.exists(Path.of(part, "checkpoints", "epoch-0001", OptimizerStateFile.NAME)), "checkpoints hold the state");
        assertFalse(Files.exists(Path.of(part, "model", OptimizerStateFile.NAME)), "the published model holds only weights");
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
