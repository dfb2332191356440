package org.sparkrnnlm.jobs.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkrnnlm.core.model.LanguageModelFiles;
import org.sparkrnnlm.core.store.LocalFileStore;
import org.sparkrnnlm.jobs.cli.CliRun;
import org.sparkrnnlm.jobs.spark.LocalSparkTest;

class PipelinePersistenceTest extends LocalSparkTest {
    @TempDir
    Path dir;
    static Dataset<Row> comments;

    @BeforeAll
    static void writeComments() {
        Random r = new Random(5);
        List<List<String>> sentences = MlFixtures.sentences(150, 5);
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < sentences.size(); ) {
            StringBuilder body = new StringBuilder();
            for (int n = 1 + r.nextInt(3); n > 0 && i < sentences.size(); n--, i++) {
                String s = String.join(" ", sentences.get(i)).replace(" .", ".").replace(" ,", ",");
                body.append(Character.toUpperCase(s.charAt(0))).append(s.substring(1)).append(' ');
            }
            bodies.add(body.toString().trim());
        }
        comments = spark.createDataset(bodies, Encoders.STRING()).toDF("body");
    }

    private static Pipeline pipeline() {
        return new Pipeline().setStages(new PipelineStage[] {
            new CommentTokenizer(),
            new RnnLanguageModelEstimator().setHiddenSize(8).setVocabSize(40).setEpochs(2).setLearningRate(0.05).setPartitions(1)});
    }

    private static RnnLanguageModel languageModel(PipelineModel model) {
        return (RnnLanguageModel) model.stages()[1];
    }

    @Test
    void savedAndLoadedPipelineKeepsItsStagesAndParamsAndFitsTheSameModel() throws Exception {
        Pipeline original = pipeline();
        original.write().save(dir.resolve("pipeline").toString());
        Pipeline loaded = Pipeline.load(dir.resolve("pipeline").toString());
        assertEquals(2, loaded.getStages().length);
        for (int i = 0; i < 2; i++) {
            assertEquals(original.getStages()[i].uid(), loaded.getStages()[i].uid());
            assertEquals(original.getStages()[i].extractParamMap().toString(), loaded.getStages()[i].extractParamMap().toString());
        }
        assertEquals(8, ((RnnLanguageModelEstimator) loaded.getStages()[1]).getHiddenSize());
        assertTrue(languageModel(original.fit(comments)).trained().model().parameters().toVector()
                .sameAs(languageModel(loaded.fit(comments)).trained().model().parameters().toVector()));
    }

    @Test
    void savedAndLoadedPipelineModelGivesIdenticalRows() throws Exception {
        PipelineModel fitted = pipeline().fit(comments);
        List<Row> before = fitted.transform(comments).collectAsList();
        fitted.write().save(dir.resolve("fitted").toString());
        PipelineModel loaded = PipelineModel.load(dir.resolve("fitted").toString());
        assertInstanceOf(CommentTokenizer.class, loaded.stages()[0]);
        assertEquals(before, loaded.transform(comments).collectAsList());
        assertEquals(List.of("body", "sentences", "log_prob", "tokens", "perplexity"), List.of(loaded.transform(comments).columns()));
        assertTrue(before.stream().allMatch(r -> r.<Double>getAs("log_prob") < 0));
    }

    @Test
    void savedLanguageModelHoldsTrainsModelDirectoryThatTheCommandsRead() throws Exception {
        PipelineModel fitted = pipeline().fit(comments);
        fitted.write().save(dir.resolve("fitted").toString());
        Path modelDir;
        try (Stream<Path> stages = Files.list(dir.resolve("fitted/stages"))) {
            modelDir = stages.filter(p -> p.getFileName().toString().startsWith("1_")).findFirst().orElseThrow().resolve("model");
        }
        LanguageModelFiles.Loaded files = LanguageModelFiles.load(new LocalFileStore(), modelDir.toString());
        LanguageModelFiles.Loaded inMemory = languageModel(fitted).trained();
        assertTrue(inMemory.model().parameters().toVector().sameAs(files.model().parameters().toVector()));
        assertEquals(inMemory.vocabulary().words(), files.vocabulary().words());
        assertEquals(2, files.info().progress().epoch());
        CliRun generate = CliRun.of("generate", "--model", modelDir.toString(), "--count", "3");
        assertEquals(0, generate.status(), generate.err());
        assertEquals(3, generate.out().lines().count(), generate.out());
    }
}
