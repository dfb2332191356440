package org.sparkrnnlm.jobs.workflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.sparkrnnlm.core.model.RegressionModelFiles;
import org.sparkrnnlm.core.regression.RegressionSpec;
import org.sparkrnnlm.core.regression.RegressionTotals;
import org.sparkrnnlm.core.regression.RnnRegressionModel;
import org.sparkrnnlm.jobs.hadoop.HadoopFileStore;
import org.sparkrnnlm.jobs.regression.PredictionJson;
import org.sparkrnnlm.jobs.regression.RegressionScoring;
import org.sparkrnnlm.jobs.regression.SequenceData;
import org.sparkrnnlm.jobs.settings.InvalidSettingException;
import org.sparkrnnlm.jobs.spark.SparkSessions;

/** {@code evaluate-regression} and {@code predict}: a trained regression model applied to data on the executors. */
public final class RegressionUse {
    private final SparkSession session;
    private final HadoopFileStore store;
    private final PrintStream log;

    public RegressionUse(SparkSession session, HadoopFileStore store, PrintStream log) {
        this.session = session;
        this.store = store;
        this.log = log;
    }

    /** The model's MSE and R^2 on DATA as one JSON object. */
    public String evaluate(String model, String data, SequenceInput input) throws IOException {
        RnnRegressionModel loaded = load(model);
        SequenceData sequences = input.read(session, data, SequenceInput.shapeOf(loaded.spec()), "data", log);
        RegressionTotals totals = RegressionScoring.evaluate(new JavaSparkContext(session.sparkContext()), sequences.sequences(),
                loaded, SparkSessions.taskCpus(session));
        return json(totals, sequences.rowsRead() - sequences.count());
    }

    /** Writes each row with its prediction to {@code output}, in input order. */
    public void predict(String model, String data, String output, SequenceInput input) throws IOException {
        if (store.exists(output)) throw new InvalidSettingException("--output " + output + " already exists: choose a new directory");
        RnnRegressionModel loaded = load(model);
        SequenceData sequences = input.readForPrediction(session, data, SequenceInput.shapeOf(loaded.spec()), log);
        RegressionSpec spec = loaded.spec();
        RegressionScoring.predict(new JavaSparkContext(session.sparkContext()), sequences.sequences(), loaded,
                        SparkSessions.taskCpus(session))
                .map(p -> PredictionJson.line(p._1(), p._2(), spec.outputSize(), spec.outputEveryStep()))
                .saveAsTextFile(output);
        log.printf("predict: %,d predictions in %s%n", sequences.count(), output);
    }

    private RnnRegressionModel load(String model) throws IOException {
        return RegressionModelFiles.load(store, ModelRegistry.resolve(store, model)).model();
    }

    static String json(RegressionTotals totals, long rejected) throws IOException {
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
