package org.sparkrnnlm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
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
import org.sparkrnnlm.core.store.Npz;
import org.sparkrnnlm.core.tensor.Dtype;
import org.sparkrnnlm.core.tensor.Parameters;
import org.sparkrnnlm.core.text.Vocabulary;
import org.sparkrnnlm.core.train.ExampleTraining;
import org.sparkrnnlm.core.train.SequentialBackend;
import org.sparkrnnlm.core.train.TrainingListener;
import org.sparkrnnlm.core.train.TrainingLoop;
import org.sparkrnnlm.jobs.distributed.FaultInjection;

/**
 * {@code train --mode average} with block momentum and its companions: what they must leave
 * unchanged, what they must keep, what they refuse.
 */
class BlockMomentumTrainingTest {
    @TempDir
    Path dir;

    private CliRun train(Path data, String out, int partitions, int epochs, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--data", data.toString(), "--output", out, "--partitions",
                String.valueOf(partitions), "--no-shuffle", "--hidden", "12", "--vocab-size", "30", "--epochs", String.valueOf(epochs),
                "--evaluate-every", "1", "--sentences-per-round", "37"));
        args.addAll(List.of(more));
        if (!args.contains("--lr")) args.addAll(List.of("--lr", "0.05"));
        if (!args.contains("--master")) args.addAll(List.of("--master", "local[2]"));
        return CliRun.of(args.toArray(new String[0]));
    }

    private Parameters trained(Path data, String name, int partitions, int epochs, String... more) throws Exception {
        String out = dir.resolve(name).toString();
        CliRun run = train(data, out, partitions, epochs, more);
        assertEquals(0, run.status(), run.err());
        return model(out);
    }

    private static Parameters model(String out) throws Exception {
        return LanguageModelFiles.load(new LocalFileStore(), out + "/model").model().parameters();
    }

    /** The core's sequential per-sentence SGD over the same lines (docs/model.md). */
    private static Parameters sequential(List<String> lines, int epochs) {
        Corpora.Encoded encoded = Corpora.encode(lines, 30);
        Vocabulary vocabulary = encoded.vocabulary();
        List<int[]> ids = encoded.ids();
        RnnLanguageModel model = RnnLanguageModel.initialize(vocabulary.size(), 12, 4, Dtype.FLOAT, 10);
        return new TrainingLoop(epochs, 1, 0.05)
                .run(new SequentialBackend<>(model.spec(), ids, null, null, null), model.parameters(), 0, new TrainingListener() { });
    }

    /** Adam over the lines in rounds of {@code round}, each round from the last round's weights and zero Adam state. */
    private static Parameters adamRestartedEveryRound(List<String> lines, int round, double lr) {
        Corpora.Encoded encoded = Corpora.encode(lines, 30);
        Vocabulary vocabulary = encoded.vocabulary();
        List<int[]> ids = encoded.ids();
        RnnLanguageModel model = RnnLanguageModel.initialize(vocabulary.size(), 12, 4, Dtype.FLOAT, 10);
        OptimizerSettings adam = OptimizerSettings.defaults(Optimizer.ADAM);
        Parameters weights = model.parameters();
        for (int from = 0; from < ids.size(); from += round) {
            Parameters all = OptimizerState.attach(weights, UpdateRule.of(adam));
            List<int[]> chunk = ids.subList(from, Math.min(ids.size(), from + round));
            new ExampleTraining<>(model.spec(), model.spec().newGradient(), adam).run(chunk.iterator(), chunk.size(), all, lr);
            weights = OptimizerState.weights(all);
        }
        return weights;
    }

    @Test
    void onePartitionWithResetOptimizerStateEqualsAdamRestartedEveryRound() throws Exception {
        List<String> lines = Corpora.lines(120, 11);
        Path data = Corpora.write(dir, "train.txt", lines);
        Parameters reset = trained(data, "reset", 1, 1, "--optimizer", "adam", "--lr", "0.01", "--lr-schedule", "constant", "--reset-optimizer-state");
        assertTrue(adamRestartedEveryRound(lines, 37, 0.01).toVector().sameAs(reset.toVector()));
        Parameters carried = trained(data, "carried", 1, 1, "--optimizer", "adam", "--lr", "0.01", "--lr-schedule", "constant");
        assertFalse(carried.toVector().sameAs(reset.toVector()), "without the reset the state carries over");
    }

    @Test
    void resettingTheOptimizerStateOfSgdIsAUsageError() throws Exception {
        Path data = Corpora.write(dir, "train.txt", Corpora.lines(20, 12));
        CliRun run = train(data, dir.resolve("r").toString(), 2, 1, "--reset-optimizer-state");
        assertEquals(2, run.status(), run.err());
        assertTrue(run.errorLine().contains("--reset-optimizer-state needs --optimizer adagrad or adam"), run.err());
    }

    @Test
    void onePartitionWithBlockMomentumZeroEqualsSequentialSgdBitForBit() throws Exception {
        List<String> lines = Corpora.lines(120, 3);
        Path data = Corpora.write(dir, "train.txt", lines);
        Parameters spark = trained(data, "one", 1, 2, "--block-momentum", "0", "--block-lr", "1");
        assertTrue(sequential(lines, 2).toVector().sameAs(spark.toVector()));
    }

    @Test
    void plainAveragingIsUnchangedBitForBitWithMomentumZeroAndBlockRateOne() throws Exception {
        Path data = Corpora.write(dir, "train.txt", Corpora.lines(120, 4));
        Parameters plain = trained(data, "plain", 3, 2);
        Parameters explicit = trained(data, "explicit", 3, 2, "--block-momentum", "0", "--block-lr", "1");
        assertTrue(plain.toVector().sameAs(explicit.toVector()));
        assertFalse(Files.exists(dir.resolve("explicit/checkpoints/epoch-0002").resolve(OptimizerStateFile.NAME)),
                "plain SGD averaging keeps no state");
    }

    @Test
    void blockMomentumChangesTheAveragedModelAndTheLossStillFalls() throws Exception {
        Path data = Corpora.write(dir, "train.txt", Corpora.lines(150, 5));
        Parameters plain = trained(data, "plain", 3, 2);
        Parameters filtered = trained(data, "auto", 3, 2, "--block-momentum", "auto");
        assertFalse(plain.toVector().sameAs(filtered.toVector()));
        List<String> metrics = Files.readAllLines(dir.resolve("auto/metrics.jsonl"));
        double first = Double.parseDouble(metrics.get(0).replaceAll(".*\"loss\":([^,}]+).*", "$1"));
        double last = Double.parseDouble(metrics.get(metrics.size() - 1).replaceAll(".*\"loss\":([^,}]+).*", "$1"));
        assertTrue(last < first, "loss " + first + " -> " + last);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sgd", "adam"})
    void aResumedRunWithBlockMomentumContinuesBitForBit(String optimizer) throws Exception {
        Path data = Corpora.write(dir, "train.txt", Corpora.lines(100, 7));
        String[] flags = {"--optimizer", optimizer, "--lr", "0.01", "--block-momentum", "0.6", "--block-lr", "0.9",
            "--lr-schedule", "constant"};
        Parameters whole = trained(data, "whole", 2, 2, flags);
        String part = dir.resolve("part").toString();
        assertEquals(0, train(data, part, 2, 1, flags).status());
        List<String> moreFlags = new ArrayList<>(List.of(flags));
        moreFlags.add("--resume");
        CliRun resumed = train(data, part, 2, 2, moreFlags.toArray(new String[0]));
        assertEquals(0, resumed.status(), resumed.err());
        assertTrue(whole.toVector().sameAs(model(part).toVector()), "resumed run differs");
        try (InputStream in = Files.newInputStream(Path.of(part, "checkpoints", "epoch-0001", OptimizerStateFile.NAME))) {
            assertTrue(Npz.read(in).containsKey("U.block_delta"), "the checkpoint holds the block update");
        }
        assertFalse(Files.exists(Path.of(part, "model", OptimizerStateFile.NAME)), "the published model holds only weights");
    }

    @Test
    void resumingWithoutTheBlockMomentumTheRunWasTrainedWithIsAUsageError() throws Exception {
        Path data = Corpora.write(dir, "train.txt", Corpora.lines(40, 8));
        String out = dir.resolve("run").toString();
        assertEquals(0, train(data, out, 2, 1, "--block-momentum", "0.5").status());
        CliRun resumed = train(data, out, 2, 2, "--resume");
        assertEquals(2, resumed.status(), resumed.err());
        assertTrue(resumed.errorLine().contains("contradicts the run's checkpoint"), resumed.err());
    }

    @Test
    void blockMomentumInGradientModeIsAUsageError() throws Exception {
        Path data = Corpora.write(dir, "train.txt", Corpora.lines(20, 9));
        CliRun run = train(data, dir.resolve("g").toString(), 2, 1, "--mode", "gradient", "--block-momentum", "auto");
        assertEquals(2, run.status(), run.err());
        assertTrue(run.errorLine().contains("apply to --mode average only"), run.err());
        assertFalse(Files.exists(dir.resolve("g")), "nothing was written");
    }

    @Test
    void aRetriedTaskChangesNothingWithBlockMomentum() throws Exception {
        Path data = Corpora.write(dir, "train.txt", Corpora.lines(120, 10));
        Parameters reference = trained(data, "reference", 2, 1, "--block-momentum", "auto");
        String out = dir.resolve("retried").toString();
        int failedBefore = FailedTasks.COUNT.get();
        // local[2,2]: a task may fail twice, so the injected failure is retried in local mode.
        CliRun run = train(data, out, 2, 1, "--block-momentum", "auto", "--master", "local[2,2]", "--conf",
                FaultInjection.SETTING + "=0:1:1", "--conf", "spark.extraListeners=" + FailedTasks.class.getName());
        assertEquals(0, run.status(), run.err());
        assertEquals(1, FailedTasks.COUNT.get() - failedBefore, "one task attempt failed and was retried");
        assertTrue(reference.toVector().sameAs(model(out).toVector()));
    }
}
