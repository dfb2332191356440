package org.sparkrnnlm.jobs.cli;

import java.util.concurrent.Callable;
import org.sparkrnnlm.jobs.workflow.RegressionUse;
import org.sparkrnnlm.jobs.workflow.SequenceInput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Scores a regression model on sequences: one JSON object on standard output. */
@Command(name = "evaluate-regression", mixinStandardHelpOptions = true,
        description = "Print sequences, values, mse, r2 and target_variance of a regression model on DATA as JSON.")
public final class EvaluateRegressionCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Regression model directory (or a registry).")
    String model;
    @Option(names = "--data", required = true, paramLabel = "DATA", description = "JSON lines of sequences with targets.")
    String data;

    @Mixin
    SequenceInputOptions input;
    @Mixin
    SparkOptions spark;
    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() throws Exception {
        SequenceInput settings = input.settings();
        return spark.run("evaluate-regression", (session, store) -> {
            System.out.println(new RegressionUse(session, store, System.err).evaluate(model, data, settings));
            return 0;
        });
    }
}
