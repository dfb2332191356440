package org.sparkrnnlm.jobs.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.sparkrnnlm.jobs.spark.LocalSparkTest;

class EstimatorParamsTest extends LocalSparkTest {

    private static void failsNaming(String param, Executable set) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, set);
        assertTrue(e.getMessage().contains("parameter " + param + " given invalid value"), e.getMessage());
    }

    @Test
    void anInvalidValueFailsWhenSetNamingTheParam() {
        RnnLanguageModelEstimator estimator = new RnnLanguageModelEstimator();
        failsNaming("hiddenSize", () -> estimator.setHiddenSize(0));
        failsNaming("bpttTruncate", () -> estimator.setBpttTruncate(-1));
        failsNaming("optimizer", () -> estimator.setOptimizer("rmsprop"));
        failsNaming("learningRate", () -> estimator.setLearningRate(0));
        failsNaming("mode", () -> estimator.setMode("sync"));
        failsNaming("vocabSize", () -> estimator.setVocabSize(3));
        failsNaming("softmax", () -> estimator.setSoftmax("tree"));
        failsNaming("partitions", () -> estimator.setPartitions(0));
        failsNaming("dtype", () -> estimator.setDtype("half"));
        assertEquals(100, estimator.getHiddenSize(), "a rejected value leaves the default");
    }

    @Test
    void classesWithoutTheClassSoftmaxFailBeforeTraining() {
        Dataset<Row> data = MlFixtures.oneSentencePerRow(spark, MlFixtures.sentences(5, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RnnLanguageModelEstimator().setClasses(4).fit(data));
        assertEquals("classes applies to softmax class only: set softmax to class or leave classes unset", e.getMessage());
    }

    @Test
    void anOutputBiasWithTheClassSoftmaxFailsBeforeTraining() {
        Dataset<Row> data = MlFixtures.oneSentencePerRow(spark, MlFixtures.sentences(5, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RnnLanguageModelEstimator().setOutputBias(true).setSoftmax("class").fit(data));
        assertEquals("outputBias needs softmax full", e.getMessage());
    }

    @Test
    void aSettingOfTheOtherModeFailsBeforeTraining() {
        Dataset<Row> data = MlFixtures.oneSentencePerRow(spark, MlFixtures.sentences(5, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RnnLanguageModelEstimator().setBatchSize(16).fit(data));
        assertEquals("batchSize applies to mode gradient only; average mode takes sentencesPerRound", e.getMessage());
    }

    @Test
    void anInputColumnOfAnotherTypeFailsNamingItAndTheTypesItMayHave() {
        Dataset<Row> data = spark.createDataFrame(List.of(org.apache.spark.sql.RowFactory.create("a b c")),
                new org.apache.spark.sql.types.StructType().add("sentences", org.apache.spark.sql.types.DataTypes.StringType));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RnnLanguageModelEstimator().fit(data));
        assertEquals("input column 'sentences' must be array<string> (one sentence's tokens) or array<array<string>>"
                + " (a row's sentences), got string", e.getMessage());
    }

    @Test
    void aMissingInputColumnFailsListingTheColumns() {
        Dataset<Row> data = MlFixtures.oneSentencePerRow(spark, MlFixtures.sentences(5, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RnnLanguageModelEstimator().setInputCol("tokens").fit(data));
        assertEquals("input column 'tokens' does not exist; the columns are id, sentences", e.getMessage());
    }

    @Test
    void dataWithoutSentencesFailsClearly() {
        Dataset<Row> data = MlFixtures.oneSentencePerRow(spark, List.of(List.of()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RnnLanguageModelEstimator().setPartitions(1).fit(data));
        assertEquals("the training data holds no sentences", e.getMessage());
    }

    @Test
    void shuffleFollowsTrainsDefaultForTheOptimizerUnlessSet() {
        RnnLanguageModelEstimator estimator = new RnnLanguageModelEstimator();
        assertFalse(estimator.setOptimizer("sgd").getShuffle(), "sgd keeps the input order");
        assertTrue(estimator.setOptimizer("adam").getShuffle(), "adam shuffles");
        assertFalse(estimator.setShuffle(false).getShuffle(), "an explicit setting wins");
    }
}
