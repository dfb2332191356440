package org.sparkrnnlm.jobs.workflow;

import static org.sparkrnnlm.jobs.settings.InvalidSettingException.require;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.sparkrnnlm.core.regression.RegressionSpec;
import org.sparkrnnlm.core.store.FileStore;
import org.sparkrnnlm.jobs.regression.SequenceData;
import org.sparkrnnlm.jobs.regression.SequenceShape;
import org.sparkrnnlm.jobs.regression.SequenceSource;
import org.sparkrnnlm.jobs.regression.TargetForm;

/** How the regression commands read JSON lines of sequences, and where bad rows go. */
public record SequenceInput(String badRecords, double maxBadFraction) {

    public SequenceInput {
        require(maxBadFraction >= 0 && maxBadFraction <= 1, "--max-bad-fraction must be between 0 and 1, got " + maxBadFraction);
    }

    /** Reads DATA; {@code name} ("data", "heldout") names its subdirectory of the bad-records directory. */
    public SequenceData read(SparkSession session, String path, SequenceShape expected, String name, PrintStream log) throws IOException {
        return read(session, SequenceSource.Settings.of(List.of(path)).expecting(expected), name, path, log);
    }

    /** Reads DATA for prediction: rows without a target are good too. */
    public SequenceData readForPrediction(SparkSession session, String path, SequenceShape expected, PrintStream log)
            throws IOException {
        return read(session, SequenceSource.Settings.of(List.of(path)).expecting(expected).withOptionalTarget(), "data", path, log);
    }

    private SequenceData read(SparkSession session, SequenceSource.Settings base, String name, String path, PrintStream log)
            throws IOException {
        SequenceSource.Settings settings = base.withMaxBadFraction(maxBadFraction);
        if (badRecords != null) settings = settings.withBadRecords(FileStore.join(badRecords, name));
        SequenceData data = SequenceSource.read(session, settings);
        log.println(name + " " + path + ": " + data.summary());
        return data;
    }

    /** The shape a model's sequences have. */
    public static SequenceShape shapeOf(RegressionSpec spec) {
        return new SequenceShape(spec.inputSize(), spec.outputSize(), spec.outputEveryStep() ? TargetForm.EVERY_STEP : TargetForm.LAST_STEP);
    }
}
