package org.sparkrnnlm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sparkrnnlm.core.lm.RnnLanguageModel;
import org.sparkrnnlm.core.lm.WordClasses;
import org.sparkrnnlm.core.model.LanguageModelFiles;
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

/** train --softmax class end to end: both modes, the optimizers, resume, evaluate, generate, and the flags' checks. */
class ClassSoftmaxCommandsTest {
    private static final double LR = 0.01;
    private static final int CLASSES = 6;
    @TempDir
    Path dir;

    /** The same training in one process: classes from the text's counts and the rule's schedule, as train makes them. */
    private static Parameters sequential(List<String> lines, Optimizer optimizer, Integer batchSize) {
        Corpora.Encoded encoded = Corpora.encode(lines, 30);
        Vocabulary vocabulary = encoded.vocabulary();
        List<int[]> ids = encoded.ids();
        long[] counts = new long[vocabulary.size()];
        for (int w = 0; w < counts.length; w++) counts[w] = vocabulary.count(w);
        RnnLanguageModel model = RnnLanguageModel.initialize(vocabulary.size(), 12, 4, Dtype.FLOAT, 10,
                WordClasses.byFrequency(counts, CLASSES));
        OptimizerSettings settings = OptimizerSettings.defaults(optimizer);
        Parameters all = OptimizerState.attach(model.parameters(), UpdateRule.of(settings));
        Parameters trained = new TrainingLoop(2, 1, LR).schedule(RnnLanguageModel.defaultSchedule(optimizer, true)).run(new SequentialBackend<>(model.spec(), ids, null, null, batchSize, settings),
                all, 0, new TrainingListener() { });
        return OptimizerState.weights(trained);
    }

    private CliRun train(Path data, String out, Optimizer optimizer, int epochs, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--data", data.toString(), "--output", out, "--partitions", "1",
                "--no-shuffle", "--hidden", "12", "--vocab-size", "30", "--epochs", String.valueOf(epochs), "--evaluate-every", "1",
                "--lr", String.valueOf(LR), "--sentences-per-round", "37", "--optimizer", optimizer.lowerCase(),
                "--softmax", "class", "--classes", String.valueOf(CLASSES), "--master", "local[2]"));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(new String[0]));
    }

    private static LanguageModelFiles.Loaded model(String out) throws Exception {
        return LanguageModelFiles.load(new LocalFileStore(), out + "/model");
    }

    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({"average,SGD", "average,ADAM", "gradient,SGD", "gradient,ADAGRAD"})
    void onePartitionEqualsSequentialTrainingBitForBit(String mode, Optimizer optimizer) throws Exception {
        List<String> lines = Corpora.lines(100, 3);
        Path data = Corpora.write(dir, "train.txt", lines);
        String out = dir.resolve("run").toString();
        CliRun run = train(data, out, optimizer, 2, "--mode", mode, "--batch-size", "16");
        assertEquals(0, run.status(), run.err());
        LanguageModelFiles.Loaded trained = model(out);
        assertEquals(CLASSES, trained.model().classes().classes());
        Parameters expected = sequential(lines, optimizer, mode.equals("gradient") ? 16 : null);
        assertTrue(expected.toVector().sameAs(trained.model().parameters().toVector()));
    }

    @Test
    void aResumedRunContinuesBitForBit() throws Exception {
        Path data = Corpora.write(dir, "train.txt", Corpora.lines(80, 7));
        String whole = dir.resolve("whole").toString();
        // A constant rate: a run extended from 1 to 2 epochs follows the 2-epoch run only then.
        assertEquals(0, train(data, whole, Optimizer.ADAM, 2, "--lr-schedule", "constant").status());
        String part = dir.resolve("part").toString();
        assertEquals(0, train(data, part, Optimizer.ADAM, 1, "--lr-schedule", "constant").status());
        CliRun resumed = train(data, part, Optimizer.ADAM, 2, "--lr-schedule", "constant", "--resume");
        assertEquals(0, resumed.status(), resumed.err());
        assertTrue(model(whole).model().parameters().toVector().sameAs(model(part).model().parameters().toVector()));
    }

    @Test
    void blockMomentumOnTwoPartitionsTrainsAClassModel() throws Exception {
        Path data = Corpora.write(dir, "train.txt", Corpora.lines(120, 9));
        String out = dir.resolve("bmuf").toString();
        CliRun run = CliRun.of("train", "--data", data.toString(), "--output", out, "--partitions", "2", "--hidden", "12",
                "--vocab-size", "30", "--epochs", "2", "--evaluate-every", "1", "--sentences-per-partition", "20",
                "--block-momentum", "0.5", "--softmax", "class", "--classes", String.valueOf(CLASSES), "--master", "local[2]");
        assertEquals(0, run.status(), run.err());
        LanguageModelFiles.Loaded trained = model(out);
        assertEquals(CLASSES, trained.model().classes().classes());
        assertTrue(trained.model().parameters().allFinite());
        List<double[]> history = trained.info().lossHistory();
        assertTrue(history.get(history.size() - 1)[1] < history.get(0)[1], "the loss falls");
    }

    @Test
    void evaluateAndGenerateReadAClassModel() throws Exception {
        Path data = Corpora.write(dir, "train.txt", Corpora.lines(60, 4));
        String out = dir.resolve("run").toString();
        assertEquals(0, train(data, out, Optimizer.SGD, 1).status());
        CliRun evaluate = CliRun.of("evaluate", "--model", out + "/model", "--data", data.toString(), "--master", "local[2]");
        assertEquals(0, evaluate.status(), evaluate.err());
        assertTrue(evaluate.out().contains("\"perplexity\""), evaluate.out());
        CliRun generate = CliRun.of("generate", "--model", out + "/model", "--count", "20");
        assertEquals(0, generate.status(), generate.err());
        assertEquals(20, generate.out().lines().count());
        assertFalse(generate.out().contains(Vocabulary.UNKNOWN_TOKEN), generate.out());
    }

    @Test
    void aPublishedClassModelContinuesFromTheRegistryWithItsClasses() throws Exception {
        Path data = Corpora.write(dir, "train.txt", Corpora.lines(80, 8));
        Path registry = dir.resolve("models");
        String first = dir.resolve("first").toString();
        CliRun day1 = train(data, first, Optimizer.SGD, 1, "--publish", registry.toString());
        assertEquals(0, day1.status(), day1.err());
        String latest = java.nio.file.Files.readString(registry.resolve("LATEST")).trim();
        WordClasses published = LanguageModelFiles.load(new LocalFileStore(), registry.resolve(latest).toString()).model().classes();
        assertEquals(model(first).model().classes(), published);
        String second = dir.resolve("second").toString();
        CliRun day2 = CliRun.of("train", "--data", data.toString(), "--output", second, "--init", registry.toString(), "--epochs", "1",
                "--partitions", "1", "--softmax", "class", "--master", "local[2]");
        assertEquals(0, day2.status(), day2.err());
        LanguageModelFiles.Loaded continued = model(second);
        assertEquals(published, continued.model().classes(), "the word classes carry over");
        assertFalse(continued.model().parameters().toVector().sameAs(model(first).model().parameters().toVector()), "it trained on");
    }

    @Test
    void classesWithoutClassSoftmaxIsAUsageError() throws Exception {
        Path data = Corpora.write(dir, "train.txt", Corpora.lines(20, 5));
        CliRun run = CliRun.of("train", "--data", data.toString(), "--output", dir.resolve("o").toString(), "--classes", "4");
        assertEquals(2, run.status(), run.err());
        assertTrue(run.errorLine().contains("--classes needs --softmax class"), run.err());
    }

    @Test
    void classSoftmaxForAFullInitModelIsAUsageError() throws Exception {
        Path data = Corpora.write(dir, "train.txt", Corpora.lines(40, 6));
        String full = dir.resolve("full").toString();
        CliRun first = CliRun.of("train", "--data", data.toString(), "--output", full, "--hidden", "8", "--vocab-size", "30",
                "--epochs", "1", "--partitions", "1", "--master", "local[2]");
        assertEquals(0, first.status(), first.err());
        CliRun run = CliRun.of("train", "--data", data.toString(), "--output", dir.resolve("o").toString(), "--init", full + "/model",
                "--softmax", "class", "--master", "local[2]");
        assertEquals(2, run.status(), run.err());
        assertTrue(run.errorLine().contains("--softmax class contradicts the --init model"), run.err());
    }
}
