package org.sparkrnnlm.jobs.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkrnnlm.core.model.LanguageModelFiles;
import org.sparkrnnlm.core.store.LocalFileStore;
import org.sparkrnnlm.jobs.cli.CliRun;
import org.sparkrnnlm.jobs.spark.SparkSessions;

/**
 * The estimator against the train and evaluate commands on the same sentences. The commands run
 * first: each stops the session it used, which is the one a test would share.
 */
class EstimatorAgreesWithCommandsTest {
    private static final String[] SETTINGS = {"--partitions", "1", "--no-shuffle", "--hidden", "12", "--vocab-size", "30",
        "--epochs", "3", "--evaluate-every", "1", "--seed", "7"};
    @TempDir
    static Path dir;
    static List<List<String>> sentences;
    static List<List<String>> heldout;
    static String evaluateOutput;
    static SparkSession spark;

    @BeforeAll
    static void runTheCommands() throws Exception {
        sentences = MlFixtures.sentences(120, 3);
        heldout = MlFixtures.sentences(40, 4);
        Path text = MlFixtures.text(dir, "train.txt", sentences);
        Path heldoutText = MlFixtures.text(dir, "heldout.txt", heldout);
        train(text, "sgd", "--lr", "0.05", "--sentences-per-round", "37");
        train(text, "adam", "--optimizer", "adam", "--lr", "0.01", "--softmax", "class", "--classes", "4", "--mode", "gradient",
                "--batch-size", "16");
        train(text, "bias", "--optimizer", "adam", "--lr", "0.01", "--output-bias", "--sentences-per-round", "37");
        CliRun evaluate = CliRun.of("evaluate", "--model", dir.resolve("sgd/model").toString(), "--data", heldoutText.toString(),
                "--partitions", "2", "--master", "local[2]");
        assertEquals(0, evaluate.status(), evaluate.err());
        evaluateOutput = evaluate.out().trim();
        spark = SparkSessions.create("test", "local[2]", List.of());
    }

    private static void train(Path text, String out, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--data", text.toString(), "--output", dir.resolve(out).toString(),
                "--master", "local[2]"));
        args.addAll(List.of(SETTINGS));
        args.addAll(List.of(more));
        CliRun run = CliRun.of(args.toArray(new String[0]));
        assertEquals(0, run.status(), run.err());
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) spark.stop();
    }

    private static RnnLanguageModelEstimator estimator() {
        return new RnnLanguageModelEstimator().setPartitions(1).setShuffle(false).setHiddenSize(12).setVocabSize(30).setEpochs(3)
                .setEvaluateEvery(1).setSeed(7);
    }

    private static LanguageModelFiles.Loaded trainedBy(String out) throws Exception {
        return LanguageModelFiles.load(new LocalFileStore(), dir.resolve(out).resolve("model").toString());
    }

    @Test
    void fitOnOnePartitionEqualsTrainBitForBit() throws Exception {
        Path run = dir.resolve("fit-run");
        RnnLanguageModel fitted = estimator().setLearningRate(0.05).setSentencesPerRound(37).setRunDir(run.toString())
                .fit(MlFixtures.oneSentencePerRow(spark, sentences));
        LanguageModelFiles.Loaded train = trainedBy("sgd");
        assertEquals(train.vocabulary().words(), fitted.trained().vocabulary().words());
        assertTrue(train.model().parameters().toVector().sameAs(fitted.trained().model().parameters().toVector()), "parameters differ");
        assertEquals(4, Files.readAllLines(run.resolve("metrics.jsonl")).size(), "runDir holds train's metrics: epochs 0, 1, 2, 3");
    }

    @Test
    void fitWithAdamClassSoftmaxAndGradientModeEqualsTrainBitForBit() throws Exception {
        RnnLanguageModel fitted = estimator().setOptimizer("adam").setLearningRate(0.01).setSoftmax("class").setClasses(4)
                .setMode("gradient").setBatchSize(16).fit(MlFixtures.oneSentencePerRow(spark, sentences));
        LanguageModelFiles.Loaded train = trainedBy("adam");
        assertTrue(fitted.trained().model().isClassFactored());
        assertTrue(train.model().parameters().toVector().sameAs(fitted.trained().model().parameters().toVector()), "parameters differ");
        assertFalse(trainedBy("sgd").model().parameters().toVector().sameAs(fitted.trained().model().parameters().toVector()));
    }

    @Test
    void fitWithAnOutputBiasEqualsTrainWithOutputBiasBitForBit() throws Exception {
        RnnLanguageModel fitted = estimator().setOptimizer("adam").setLearningRate(0.01).setOutputBias(true).setSentencesPerRound(37)
                .fit(MlFixtures.oneSentencePerRow(spark, sentences));
        LanguageModelFiles.Loaded train = trainedBy("bias");
        assertTrue(fitted.trained().model().hasOutputBias());
        assertTrue(train.model().parameters().toVector().sameAs(fitted.trained().model().parameters().toVector()), "parameters differ");
    }

    @Test
    void fitOnRowsOfSeveralSentencesEqualsTrainOnTheSentencesInOrder() throws Exception {
        StructType schema = new StructType().add("sentences", SentenceColumn.SENTENCES);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < sentences.size(); i += 3) {
            String[][] comment = new String[Math.min(3, sentences.size() - i)][];
            for (int j = 0; j < comment.length; j++) comment[j] = sentences.get(i + j).toArray(new String[0]);
            rows.add(RowFactory.create((Object) comment));
        }
        Dataset<Row> comments = spark.createDataFrame(rows, schema);
        RnnLanguageModel fitted = estimator().setLearningRate(0.05).setSentencesPerRound(37).fit(comments);
        assertTrue(trainedBy("sgd").model().parameters().toVector().sameAs(fitted.trained().model().parameters().toVector()));
    }

    @Test
    void evaluateEqualsTheEvaluateCommand() throws Exception {
        RnnLanguageModel stage = RnnLanguageModel.fromModelDirectory(spark, dir.resolve("sgd/model").toString()).setPartitions(2);
        assertEquals(evaluateOutput, stage.evaluate(MlFixtures.oneSentencePerRow(spark, heldout)));
        assertTrue(evaluateOutput.startsWith("{\"sentences\":40,"), evaluateOutput);
    }
}
