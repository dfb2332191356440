package org.sparkrnnlm.jobs.cli;

import java.io.IOException;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.sparkrnnlm.core.store.FileStore;
import org.sparkrnnlm.core.regression.RegressionSpec;
import org.sparkrnnlm.jobs.cli.Main.UsageError;
import org.sparkrnnlm.jobs.regression.SequenceData;
import org.sparkrnnlm.jobs.regression.SequenceShape;
import org.sparkrnnlm.jobs.regression.SequenceSource;
import org.sparkrnnlm.jobs.regression.TargetForm;
import picocli.CommandLine.Option;

/** How the regression commands read JSON lines of sequences, and where bad rows go (SPEC section 7). */
public final class SequenceInputOptions {
    @Option(names = "--bad-records", paramLabel = "DIR", description = "Write rejected rows here with their reason (DIR/<data name>/).")
    String badRecords;
    @Option(names = "--max-bad-fraction", defaultValue = "0.05", description = "Fail when more than this fraction of rows is bad (default: ${DEFAULT-VALUE}).")
    double maxBadFraction;

    void validate() {
        if (!(maxBadFraction >= 0 && maxBadFraction <= 1)) {
            throw new UsageError("--max-bad-fraction must be between 0 and 1, got " + maxBadFraction);
        }
    }

    /** Reads DATA; {@code name} ("data", "heldout") names its subdirectory of --bad-records. */
    SequenceData read(SparkSession session, String path, SequenceShape expected, String name) throws IOException {
        return read(session, SequenceSource.Settings.of(List.of(path)).expecting(expected), name, path);
    }

    /** Reads DATA for prediction: rows without a target are good too. */
    SequenceData readForPrediction(SparkSession session, String path, SequenceShape expected) throws IOException {
        return read(session, SequenceSource.Settings.of(List.of(path)).expecting(expected).withOptionalTarget(), "data", path);
    }

    private SequenceData read(SparkSession session, SequenceSource.Settings base, String name, String path) throws IOException {
        SequenceSource.Settings settings = base.withMaxBadFraction(maxBadFraction);
        if (badRecords != null) settings = settings.withBadRecords(FileStore.join(badRecords, name));
        SequenceData data = SequenceSource.read(session, settings);
        System.err.println(name + " " + path + ": " + data.summary());
        return data;
    }

    /** The shape a model's sequences have. */
    static SequenceShape shapeOf(RegressionSpec spec) {
        return new SequenceShape(spec.inputSize(), spec.outputSize(), spec.outputEveryStep() ? TargetForm.EVERY_STEP : TargetForm.LAST_STEP);
    }
}
