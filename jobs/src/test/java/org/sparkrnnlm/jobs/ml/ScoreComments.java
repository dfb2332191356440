package org.sparkrnnlm.jobs.ml;

// README.md shows this file from the next line on, verbatim; ReadmeExampleTest keeps the two equal.
import java.io.IOException;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.sparkrnnlm.jobs.ml.CommentTokenizer;
import org.sparkrnnlm.jobs.ml.RnnLanguageModel;
import org.sparkrnnlm.jobs.ml.RnnLanguageModelEstimator;

public class ScoreComments {
    /** Trains on a CSV dump with a body column, scores its comments and saves the fitted pipeline. */
    public static void run(SparkSession spark, String csv, String saved) throws IOException {
        Dataset<Row> comments = spark.read().option("header", "true").option("multiLine", "true")
                .option("escape", "\"").csv(csv);
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
            new CommentTokenizer().setInputCol("body").setOutputCol("sentences"),
            new RnnLanguageModelEstimator().setInputCol("sentences").setHiddenSize(50).setEpochs(5).setPartitions(2)
        });
        PipelineModel model = pipeline.fit(comments);
        model.transform(comments).select("body", "log_prob", "tokens", "perplexity").show(5);
        model.write().overwrite().save(saved);

        // Later, or in another job: the saved pipeline, and evaluate's JSON for a set of comments.
        PipelineModel loaded = PipelineModel.load(saved);
        RnnLanguageModel languageModel = (RnnLanguageModel) loaded.stages()[1];
        System.out.println(languageModel.evaluate(loaded.stages()[0].transform(comments)));
    }
}
