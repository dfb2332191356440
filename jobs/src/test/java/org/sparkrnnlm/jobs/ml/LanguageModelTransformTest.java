package org.sparkrnnlm.jobs.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sparkrnnlm.core.model.LanguageModelFiles;
import org.sparkrnnlm.core.tensor.Parameters;
import org.sparkrnnlm.core.train.ExampleGradient;
import org.sparkrnnlm.jobs.spark.LocalSparkTest;

class LanguageModelTransformTest extends LocalSparkTest {
    static RnnLanguageModel stage;
    static List<List<String>> sentences;

    @BeforeAll
    static void fitASmallModel() {
        stage = new RnnLanguageModelEstimator().setHiddenSize(10).setVocabSize(25).setEpochs(2).setLearningRate(0.05)
                .setPartitions(2).fit(MlFixtures.oneSentencePerRow(spark, MlFixtures.sentences(100, 11)));
        sentences = new ArrayList<>(MlFixtures.sentences(12, 12));
        sentences.add(Arrays.asList("a", "word", "zebra", "outside", "the", "vocabulary", "."));
    }

    private static List<Row> scored() {
        return stage.transform(MlFixtures.oneSentencePerRow(spark, sentences)).orderBy("id").collectAsList();
    }

    private static int[] ids(List<String> sentence) {
        return stage.trained().vocabulary().encode(sentence);
    }

    @Test
    void logProbOfEachRowEqualsTheCoreModelsLossOfItsSentence() {
        LanguageModelFiles.Loaded trained = stage.trained();
        ExampleGradient<int[]> core = trained.model().spec().newGradient();
        List<Row> rows = scored();
        assertEquals(sentences.size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            double expected = -core.loss(ids(sentences.get(i)), trained.model().parameters());
            assertEquals(expected, rows.get(i).<Double>getAs("log_prob"), 0.0, "row " + i);
        }
    }

    @Test
    void logProbFollowsTheTutorialsEquations() {
        Parameters p = stage.trained().model().parameters();
        for (Row row : scored()) {
            double tutorial = MlFixtures.tutorialLogProb(p, ids(sentences.get(row.<Integer>getAs("id"))));
            double logProb = row.getAs("log_prob");
            assertTrue(logProb < 0);
            assertEquals(tutorial, logProb, 1e-5 * Math.abs(tutorial), "float32 engine against float64 equations");
        }
    }

    @Test
    void tokensCountEveryPredictionWithSentenceEnd() {
        for (Row row : scored()) {
            assertEquals(sentences.get(row.<Integer>getAs("id")).size() + 1L, row.<Long>getAs("tokens"));
        }
    }

    @Test
    void perplexityIsTheExponentOfMinusLogProbPerToken() {
        for (Row row : scored()) {
            double expected = Math.exp(-row.<Double>getAs("log_prob") / row.<Long>getAs("tokens"));
            assertEquals(expected, row.<Double>getAs("perplexity"), 1e-12 * expected);
        }
    }

    @Test
    void aRowOfSentencesScoresTheSumOfItsSentences() {
        StructType schema = new StructType().add("sentences", SentenceColumn.SENTENCES);
        String[][] comment = {sentences.get(0).toArray(new String[0]), new String[0], sentences.get(1).toArray(new String[0])};
        List<Row> in = List.of(RowFactory.create((Object) comment), RowFactory.create((Object) new String[0][]));
        List<Row> out = stage.transform(spark.createDataFrame(in, schema)).collectAsList();
        List<Row> single = scored();
        double sum = single.get(0).<Double>getAs("log_prob") + single.get(1).<Double>getAs("log_prob");
        assertEquals(sum, out.get(0).<Double>getAs("log_prob"), 1e-12 * Math.abs(sum));
        assertEquals(single.get(0).<Long>getAs("tokens") + single.get(1).<Long>getAs("tokens"), out.get(0).<Long>getAs("tokens"));
        assertEquals(0.0, out.get(1).<Double>getAs("log_prob"));
        assertEquals(0L, out.get(1).<Long>getAs("tokens"));
        assertNull(out.get(1).getAs("perplexity"), "no tokens, no perplexity");
    }
}
