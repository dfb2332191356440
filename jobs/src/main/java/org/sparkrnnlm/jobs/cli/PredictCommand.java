package org.sparkrnnlm.jobs.cli;

import java.util.concurrent.Callable;
import org.sparkrnnlm.jobs.workflow.RegressionUse;
import org.sparkrnnlm.jobs.workflow.SequenceInput;
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
        SequenceInput settings = input.settings();
        return spark.run("predict", (session, store) -> {
            new RegressionUse(session, store, System.err).predict(model, data, output, settings);
            return 0;
        });
    }
}
