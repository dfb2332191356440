package org.sparkrnnlm.jobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.sparkrnnlm.core.model.RegressionModelFiles;
import org.sparkrnnlm.core.regression.RegressionTotals;
import org.sparkrnnlm.core.regression.RnnRegressionModel;
import org.sparkrnnlm.jobs.regression.SequenceData;
import org.sparkrnnlm.jobs.regression.RegressionScoring;
import org.sparkrnnlm.jobs.spark.SparkSessions;
import org.sparkrnnlm.jobs.workflow.ModelRegistry;
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
        input.validate();
        return spark.run("evaluate-regression", (session, store) -> {
            RnnRegressionModel loaded = RegressionModelFiles.load(store, ModelRegistry.resolve(store, model)).model();
            SequenceData sequences = input.read(session, data, SequenceInputOptions.shapeOf(loaded.spec()), "data");
            RegressionTotals totals = RegressionScoring.evaluate(new JavaSparkContext(session.sparkContext()),
                    sequences.sequences(), loaded, SparkSessions.taskCpus(session));
            System.out.println(json(totals, sequences.rowsRead() - sequences.count()));
            return 0;
        });
    }

    static String json(RegressionTotals totals, long rejected) throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sequences", totals.sequences());
        out.put("values", totals.values());
        out.put("mse", totals.mse());
        out.put("r2", totals.r2());
        out.put("target_variance", totals.targetVariance());
        out.put("rejected_rows", rejected);
        return new ObjectMapper().writeValueAsString(out);
    }
}
