package org.sparkrnnlm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sparkrnnlm.core.model.RegressionModelFiles;
import org.sparkrnnlm.core.optim.Optimizer;
import org.sparkrnnlm.core.optim.OptimizerSettings;
import org.sparkrnnlm.core.optim.OptimizerState;
import org.sparkrnnlm.core.optim.UpdateRule;
import org.sparkrnnlm.core.regression.RegressionGradient;
import org.sparkrnnlm.core.regression.RegressionSpec;
import org.sparkrnnlm.core.regression.RnnRegressionModel;
import org.sparkrnnlm.core.regression.Sequence;
import org.sparkrnnlm.core.rnn.Activation;
import org.sparkrnnlm.core.store.LocalFileStore;
import org.sparkrnnlm.core.tensor.Dtype;
import org.sparkrnnlm.core.tensor.Parameters;
import org.sparkrnnlm.core.train.SequentialBackend;
import org.sparkrnnlm.core.train.TrainingListener;
import org.sparkrnnlm.core.train.TrainingLoop;
import org.sparkrnnlm.jobs.regression.DotProductTask;

/** train-regression, evaluate-regression and predict, end to end in local mode. */
class RegressionCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;

    private Path dotProducts(String name, int count, int steps, long seed) throws Exception {
        Path file = dir.resolve(name);
        CliRun run = CliRun.of("make-dataset", "dot-product", "--sequences", String.valueOf(count), "--steps", String.valueOf(steps),
                "--seed", String.valueOf(seed), "--output", file.toString());
        assertEquals(0, run.status(), run.err());
        return file;
    }

    private static List<Sequence> sequences(int count, int steps, long seed) {
        List<Sequence> out = new ArrayList<>();
        new DotProductTask(steps).sequences(count, seed).forEachRemaining(out::add);
        return out;
    }

    private static List<String> trainArgs(Path data, String out, int partitions, String dtype, int epochs) {
        return new ArrayList<>(List.of("train-regression", "--data", data.toString(), "--output", out,
                "--partitions", String.valueOf(partitions), "--no-shuffle", "--hidden", "6", "--epochs", String.valueOf(epochs),
                "--evaluate-every", "1", "--lr", "0.05", "--anneal-threshold", "0", "--examples-per-round", "37", "--dtype", dtype,
                "--master", "local[2]"));
    }

    private Parameters trainWithSpark(Path data, String out, int partitions, String dtype, String... more) throws Exception {
        List<String> args = trainArgs(data, out, partitions, dtype, 3);
        args.addAll(List.of(more));
        CliRun run = CliRun.of(args.toArray(new String[0]));
        assertEquals(0, run.status(), run.err());
        return RegressionModelFiles.load(new LocalFileStore(), out + "/model").model().parameters();
    }

    private static Parameters sequential(List<Sequence> data, Dtype dtype, Integer batchSize) {
        RegressionSpec spec = new RegressionSpec(2, 6, 1, RegressionSpec.FULL_BPTT, Activation.SIGMOID, false, dtype);
        RnnRegressionModel model = RnnRegressionModel.initialize(spec, 10);
        return new TrainingLoop(3, 1, 0.05).run(new SequentialBackend<>(spec, data, null, null, batchSize), model.parameters(), 0,
                new TrainingListener() { });
    }

    @Test
    void onePartitionWithoutShuffleEqualsSequentialSgdBitForBit() throws Exception {
        Path data = dotProducts("train.jsonl", 120, 6, 1);
        Parameters spark = trainWithSpark(data, dir.resolve("float").toString(), 1, "float");
        assertTrue(sequential(sequences(120, 6, 1), Dtype.FLOAT, null).toVector().sameAs(spark.toVector()), "float32 parameters differ");
        Parameters doubles = trainWithSpark(data, dir.resolve("double").toString(), 1, "double");
        assertTrue(sequential(sequences(120, 6, 1), Dtype.DOUBLE, null).toVector().sameAs(doubles.toVector()), "float64 parameters differ");
    }

    @Test
    void adamOnOnePartitionEqualsSequentialAdamBitForBit() throws Exception {
        Path data = dotProducts("train.jsonl", 90, 5, 7);
        Parameters spark = trainWithSpark(data, dir.resolve("adam").toString(), 1, "double", "--optimizer", "adam", "--clip-norm", "1");
        RegressionSpec spec = new RegressionSpec(2, 6, 1, RegressionSpec.FULL_BPTT, Activation.SIGMOID, false, Dtype.DOUBLE);
        OptimizerSettings adam = OptimizerSettings.defaults(Optimizer.ADAM).withClipNorm(1);
        Parameters all = OptimizerState.attach(RnnRegressionModel.initialize(spec, 10).parameters(), UpdateRule.of(adam));
        Parameters core = new TrainingLoop(3, 1, 0.05).run(new SequentialBackend<>(spec, sequences(90, 5, 7), null, null, null, adam),
                all, 0, new TrainingListener() { });
        assertTrue(OptimizerState.weights(core).toVector().sameAs(spark.toVector()));
    }

    @Test
    void gradientModeOnOnePartitionEqualsMinibatchSgdBitForBit() throws Exception {
        Path data = dotProducts("train.jsonl", 100, 5, 2);
        Parameters spark = trainWithSpark(data, dir.resolve("gradient").toString(), 1, "double", "--mode", "gradient", "--batch-size", "16");
        assertTrue(sequential(sequences(100, 5, 2), Dtype.DOUBLE, 16).toVector().sameAs(spark.toVector()));
    }

    @Test
    void trainingWritesMetricsALossPlotCheckpointsAndAModel() throws Exception {
        Path data = dotProducts("train.jsonl", 80, 4, 3);
        String out = dir.resolve("run").toString();
        trainWithSpark(data, out, 2, "double");
        assertEquals(4, Files.readAllLines(Path.of(out, "metrics.jsonl")).size(), "evaluations at epochs 0, 1, 2 and after the last");
        assertTrue(Files.size(Path.of(out, "loss.png")) > 1000);
        assertTrue(Files.isDirectory(Path.of(out, "checkpoints", "epoch-0003")));
        JsonNode info = JSON.readTree(Path.of(out, "model", "model.json").toFile());
        assertEquals("sequence_regression", info.get("kind").asText());
        assertEquals(3, info.get("epoch").asInt());
    }

    @Test
    void aResumedRunEndsWithTheModelOfAnUninterruptedOne() throws Exception {
        Path data = dotProducts("train.jsonl", 60, 4, 6);
        Parameters straight = trainWithSpark(data, dir.resolve("straight").toString(), 2, "double");
        String out = dir.resolve("resumed").toString();
        assertEquals(0, CliRun.of(trainArgs(data, out, 2, "double", 1).toArray(new String[0])).status());
        List<String> again = trainArgs(data, out, 2, "double", 3);
        again.add("--resume");
        CliRun resumed = CliRun.of(again.toArray(new String[0]));
        assertEquals(0, resumed.status(), resumed.err());
        assertTrue(resumed.err().contains("resuming from"), resumed.err());
        Parameters after = RegressionModelFiles.load(new LocalFileStore(), out + "/model").model().parameters();
        assertTrue(straight.toVector().sameAs(after.toVector()));
    }

    @Test
    void predictWritesEachRowWithThePredictionOfTheModelInInputOrder() throws Exception {
        Path data = dotProducts("train.jsonl", 40, 4, 4);
        String out = dir.resolve("run").toString();
        trainWithSpark(data, out, 1, "double");
        Path unlabeled = dir.resolve("unlabeled.jsonl");
        Files.writeString(unlabeled, "{\"inputs\": [[0.5, 0.5], [1, -1]]}\n{\"inputs\": [[0.1, 0.2]], \"target\": [0.02]}\n");
        Path predictions = dir.resolve("predictions");
        CliRun run = CliRun.of("predict", "--model", out + "/model", "--data", unlabeled.toString(), "--output", predictions.toString(),
                "--master", "local[1]");
        assertEquals(0, run.status(), run.err());
        List<String> lines = new ArrayList<>();
        try (Stream<Path> parts = Files.list(predictions)) {
            for (Path p : parts.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList()) {
                lines.addAll(Files.readAllLines(p, StandardCharsets.UTF_8));
            }
        }
        assertEquals(2, lines.size());
        RnnRegressionModel model = RegressionModelFiles.load(new LocalFileStore(), out + "/model").model();
        double expected = new RegressionGradient(model.spec()).predict(Sequence.of(new double[][] {{0.5, 0.5}, {1, -1}}, new double[0]),
                model.parameters())[0];
        JsonNode first = JSON.readTree(lines.get(0));
        assertEquals(expected, first.get("prediction").get(0).asDouble(), 0.0);
        assertEquals(-1.0, first.get("inputs").get(1).get(1).asDouble());
        assertEquals(0.02, JSON.readTree(lines.get(1)).get("target").get(0).asDouble());
    }

    @Test
    void badRowsAreSetAsideWithTheirReasonAndTrainingGoesOn() throws Exception {
        Path data = dotProducts("train.jsonl", 60, 3, 5);
        List<String> lines = new ArrayList<>(Files.readAllLines(data));
        lines.add(7, "{\"inputs\": [[1, 2], [3]], \"target\": [1]}");
        lines.add(20, "{\"inputs\": [[1, \"x\"]], \"target\": [1]}");
        lines.add(30, "{\"inputs\": [[1, 2]], \"target\": [NaN]}");
        Files.write(data, lines);
        String out = dir.resolve("run").toString();
        Path bad = dir.resolve("bad");
        CliRun run = CliRun.of("train-regression", "--data", data.toString(), "--output", out, "--epochs", "1", "--hidden", "3",
                "--bad-records", bad.toString(), "--master", "local[2]");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.err().contains("60 sequences"), run.err());
        List<String> rejected = new ArrayList<>();
        try (Stream<Path> parts = Files.list(bad.resolve("data"))) {
            for (Path p : parts.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) rejected.addAll(Files.readAllLines(p));
        }
        assertEquals(3, rejected.size());
        assertTrue(rejected.stream().anyMatch(l -> l.contains("\"reason\":\"ragged_steps\"")), rejected.toString());
        assertTrue(rejected.stream().anyMatch(l -> l.contains("\"reason\":\"not_a_number\"")), rejected.toString());
        assertTrue(rejected.stream().anyMatch(l -> l.contains("\"reason\":\"not_finite\"")), rejected.toString());
    }

    @Test
    void tooManyBadRowsFailWithOneLine() throws Exception {
        Path data = dir.resolve("bad.jsonl");
        Files.writeString(data, "{\"inputs\": [[1, 2]], \"target\": [1]}\n{\"inputs\": [[1, 2]], \"target\": [Infinity]}\n");
        CliRun run = CliRun.of("train-regression", "--data", data.toString(), "--output", dir.resolve("run").toString(),
                "--master", "local[1]");
        assertEquals(ExitCode.BAD_INPUT.status(), run.status(), run.err());
        assertTrue(run.errorLine().contains("over the max bad fraction"), run.err());
    }

    @Test
    void evaluatingALanguageModelAsARegressionModelIsAClearError() throws Exception {
        Path text = Corpora.write(dir, "train.txt", Corpora.lines(20, 1));
        String lm = dir.resolve("lm").toString();
        assertEquals(0, CliRun.of("train", "--data", text.toString(), "--output", lm, "--epochs", "0", "--hidden", "3",
                "--master", "local[1]").status());
        Path data = dotProducts("d.jsonl", 5, 3, 1);
        CliRun run = CliRun.of("evaluate-regression", "--model", lm + "/model", "--data", data.toString(), "--master", "local[1]");
        assertEquals(ExitCode.BAD_INPUT.status(), run.status());
        assertTrue(run.errorLine().contains("not a sequence regression model"), run.err());
    }

    /**
     * A smaller version of the README's dot-product run (5 steps, 2,000 sequences, H=8): from the
     * tutorial's 0.01 weights through the plateau to a held-out MSE under 5% of the target variance.
     */
    @Test
    @Timeout(60)
    void aSmallerDotProductTaskReachesFivePercentOfTheTargetVarianceWithinAMinute() throws Exception {
        Path train = dotProducts("train.jsonl", 2000, 5, 11);
        Path heldout = dotProducts("heldout.jsonl", 2000, 5, 12);
        String out = dir.resolve("dot").toString();
        CliRun run = CliRun.of("train-regression", "--data", train.toString(), "--heldout", heldout.toString(), "--output", out,
                "--hidden", "8", "--lr", "0.05", "--epochs", "60", "--anneal-threshold", "0.05", "--partitions", "1",
                "--master", "local[1]");
        assertEquals(0, run.status(), run.err());
        CliRun evaluate = CliRun.of("evaluate-regression", "--model", out + "/model", "--data", heldout.toString(), "--master", "local[1]");
        assertEquals(0, evaluate.status(), evaluate.err());
        JsonNode figures = JSON.readTree(evaluate.out().trim());
        assertEquals(2000, figures.get("sequences").asLong());
        double variance = figures.get("target_variance").asDouble();
        assertTrue(figures.get("mse").asDouble() <= 0.05 * variance, evaluate.out());
        assertEquals(1 - figures.get("mse").asDouble() / variance, figures.get("r2").asDouble(), 1e-9);
    }
}
