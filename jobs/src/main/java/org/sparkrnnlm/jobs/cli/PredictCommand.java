package org.sparkrnnlm.jobs.cli;

import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.sparkrnnlm.core.model.RegressionModelFiles;
import org.sparkrnnlm.core.regression.RegressionSpec;
import org.sparkrnnlm.core.regression.RnnRegressionModel;
import org.sparkrnnlm.jobs.regression.PredictionJson;
import org.sparkrnnlm.jobs.regression.SequenceData;
import org.sparkrnnlm.jobs.regression.RegressionScoring;
import org.sparkrnnlm.jobs.spark.SparkSessions;
import org.sparkrnnlm.jobs.workflow.ModelRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Writes a regression model's predictions next to their inputs, as JSON lines in input order. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Predict with a regression model: each row of DATA is written to OUTPUT (JSON-lines part files,",
            "in input order) with its \"prediction\" added in the target's shape."})
public final class PredictCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Regression model directory (or a registry).")
    String model;
    @Option(names = "--data", required = true, paramLabel = "DATA", description = "JSON lines of sequences (a target is optional).")
    String data;
    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Directory to create for the predictions.")
    String output;

    @Mixin
    SequenceInputOptions input;
    @Mixin
    SparkOptions spark;
    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() throws Exception {
        input.validate();
        return spark.run("predict", (session, store) -> {
            if (store.exists(output)) throw new IllegalArgumentException("--output " + output + " already exists: choose a new directory");
            RnnRegressionModel loaded = RegressionModelFiles.load(store, ModelRegistry.resolve(store, model)).model();
            SequenceData sequences = input.readForPrediction(session, data, SequenceInputOptions.shapeOf(loaded.spec()));
            RegressionSpec spec = loaded.spec();
            RegressionScoring.predict(new JavaSparkContext(session.sparkContext()), sequences.sequences(), loaded,
                            SparkSessions.taskCpus(session))
                    .map(p -> PredictionJson.line(p._1(), p._2(), spec.outputSize(), spec.outputEveryStep()))
                    .saveAsTextFile(output);
            System.err.printf("predict: %,d predictions in %s%n", sequences.count(), output);
            return 0;
        });
    }
}
