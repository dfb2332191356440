package org.sparkrnnlm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparkrnnlm.core.lm.RnnLanguageModel;
import org.sparkrnnlm.core.model.LanguageModelFiles;
import org.sparkrnnlm.core.optim.Optimizer;
import org.sparkrnnlm.core.optim.OptimizerSettings;
import org.sparkrnnlm.core.optim.OptimizerState;
import org.sparkrnnlm.core.optim.UpdateRule;
import org.sparkrnnlm.core.store.LocalFileStore;
import org.sparkrnnlm.core.tensor.Dtype;
import org.sparkrnnlm.core.tensor.Parameters;
import org.sparkrnnlm.core.train.SequentialBackend;
import org.sparkrnnlm.core.train.TrainingListener;
import org.sparkrnnlm.core.train.TrainingLoop;

/** train --output-bias end to end: both modes against one process, evaluate and generate, and the flag's checks. */
class OutputBiasCommandsTest {
    private static final double LR = 0.01;
    @TempDir
    Path dir;

    /** The same training in one process, the model built with its bias as train builds it: from the vocabulary's counts. */
    private static Parameters sequential(List<String> lines, Optimizer optimizer, Integer batchSize) {
        Corpora.Encoded encoded = Corpora.encode(lines, 30);
        long[] counts = new long[encoded.vocabulary().size()];
        for (int w = 0; w < counts.length; w++) counts[w] = encoded.vocabulary().count(w);
        RnnLanguageModel model = RnnLanguageModel.initialize(counts.length, 12, 4, Dtype.FLOAT, 10, null, true).withUnigramBias(counts);
        OptimizerSettings settings = OptimizerSettings.defaults(optimizer);
        Parameters all = OptimizerState.attach(model.parameters(), UpdateRule.of(settings));
        Parameters trained = new TrainingLoop(2, 1, LR).schedule(RnnLanguageModel.defaultSchedule(optimizer, false, batchSize != null))
                .run(new SequentialBackend<>(model.spec(), encoded.ids(), null, null, batchSize, settings), all, 0, new TrainingListener() { });
        return OptimizerState.weights(trained);
    }

    private CliRun train(Path data, String out, Optimizer optimizer, String... more) {
        return train(data, out, optimizer, 2, more);
    }

    private CliRun train(Path data, String out, Optimizer optimizer, int epochs, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--data", data.toString(), "--output", out, "--partitions", "1",
                "--no-shuffle", "--hidden", "12", "--vocab-size", "30", "--epochs", String.valueOf(epochs), "--evaluate-every", "1",
                "--lr", String.valueOf(LR), "--sentences-per-round", "37", "--optimizer", optimizer.lowerCase(), "--output-bias",
                "--master", "local[2]"));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(new String[0]));
    }

    /** A one-epoch model with an output bias trained on data; returns its model directory. */
    private String biasedModel(Path data) {
        String out = dir.resolve("biased").toString();
        assertEquals(0, train(data, out, Optimizer.SGD, 1).status());
        return out + "/model";
    }

    private static LanguageModelFiles.Loaded model(String out) throws Exception {
        return LanguageModelFiles.load(new LocalFileStore(), out + "/model");
    }

    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({"average,ADAM", "gradient,SGD"})
    void onePartitionEqualsSequentialTrainingBitForBit(String mode, Optimizer optimizer) throws Exception {
        List<String> lines = Corpora.lines(100, 3);
        Path data = Corpora.write(dir, "train.txt", lines);
        String out = dir.resolve("run").toString();
        CliRun run = train(data, out, optimizer, "--mode", mode, "--batch-size", "16");
        assertEquals(0, run.status(), run.err());
        LanguageModelFiles.Loaded trained = model(out);
        assertTrue(trained.model().hasOutputBias() && trained.info().outputBias());
        Parameters expected = sequential(lines, optimizer, mode.equals("gradient") ? 16 : null);
        assertTrue(expected.toVector().sameAs(trained.model().parameters().toVector()));
    }

    @Test
    void evaluateAndGenerateReadABiasedModel() throws Exception {
        Path data = Corpora.write(dir, "train.txt", Corpora.lines(60, 4));
        String out = dir.resolve("run").toString();
        assertEquals(0, train(data, out, Optimizer.SGD).status());
        assertTrue(Files.readString(Path.of(out, "model", "model.json")).contains("\"output_bias\" : true"));
        CliRun evaluate = CliRun.of("evaluate", "--model", out + "/model", "--data", data.toString(), "--master", "local[2]");
        assertEquals(0, evaluate.status(), evaluate.err());
        assertTrue(evaluate.out().contains("\"perplexity\""), evaluate.out());
        CliRun generate = CliRun.of("generate", "--model", out + "/model", "--count", "20");
        assertEquals(0, generate.status(), generate.err());
        assertEquals(20, generate.out().lines().count());
    }

    @Test
    void outputBiasWithTheClassSoftmaxIsAUsageError() throws Exception {
        Path data = Corpora.write(dir, "train.txt", Corpora.lines(20, 5));
        CliRun run = CliRun.of("train", "--data", data.toString(), "--output", dir.resolve("o").toString(), "--softmax", "class",
                "--output-bias");
        assertEquals(2, run.status(), run.err());
        assertTrue(run.errorLine().contains("--output-bias needs the full softmax"), run.err());
    }

    @Test
    void noOutputBiasForABiasedInitModelIsAUsageError() throws Exception {
        Path data = Corpora.write(dir, "train.txt", Corpora.lines(40, 6));
        String biased = biasedModel(data);
        CliRun run = CliRun.of("train", "--data", data.toString(), "--output", dir.resolve("o").toString(), "--init", biased,
                "--no-output-bias", "--master", "local[2]");
        assertEquals(2, run.status(), run.err());
        assertTrue(run.errorLine().contains("--no-output-bias contradicts the --init model"), run.err());
        assertTrue(run.errorLine().endsWith("which has an output bias"), run.err());
    }

    @Test
    void aBiasedInitModelKeepsItsBias() throws Exception {
        Path data = Corpora.write(dir, "train.txt", Corpora.lines(40, 7));
        String biased = biasedModel(data);
        String next = dir.resolve("next").toString();
        CliRun run = CliRun.of("train", "--data", data.toString(), "--output", next, "--init", biased, "--epochs", "1",
                "--partitions", "1", "--master", "local[2]");
        assertEquals(0, run.status(), run.err());
        assertTrue(model(next).model().hasOutputBias());
        INDArray before = LanguageModelFiles.load(new LocalFileStore(), biased).model().parameters().get(RnnLanguageModel.B);
        assertFalse(model(next).model().parameters().get(RnnLanguageModel.B).equals(before), "it trained on");
    }
}
