package org.sparkrnnlm.jobs.workflow;

import java.io.IOException;
import java.io.PrintStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.sparkrnnlm.core.model.RegressionModelFiles;
import org.sparkrnnlm.core.model.RegressionModelInfo;
import org.sparkrnnlm.core.model.TrainableRegressionModel;
import org.sparkrnnlm.core.regression.RegressionSpec;
import org.sparkrnnlm.core.regression.RegressionTotals;
import org.sparkrnnlm.core.regression.RnnRegressionModel;
import org.sparkrnnlm.core.regression.Sequence;
import org.sparkrnnlm.jobs.distributed.DistributedBackend;
import org.sparkrnnlm.jobs.hadoop.HadoopFileStore;
import org.sparkrnnlm.jobs.regression.RegressionScoring;
import org.sparkrnnlm.jobs.regression.SequenceData;
import org.sparkrnnlm.jobs.regression.SequenceShape;
import org.sparkrnnlm.jobs.regression.TargetForm;
import org.sparkrnnlm.jobs.spark.SparkSessions;

/** {@code train-regression}: a sequence-regression model trained on Spark into an output directory. */
public final class RegressionTrainWorkflow {
    private final SparkSession session;
    private final HadoopFileStore store;
    private final PrintStream log;

    public RegressionTrainWorkflow(SparkSession session, HadoopFileStore store, PrintStream log) {
        this.session = session;
        this.store = store;
        this.log = log;
    }

    public RnnRegressionModel run(RegressionTrainSettings s) throws IOException {
        DistributedSettings d = s.distributed();
        String checkpoint = TrainingRun.newestCheckpoint(store, d.output(), d.resume());
        RegressionModelFiles.Loaded init = s.init() == null ? null : RegressionModelFiles.load(store, ModelRegistry.resolve(store, s.init()));
        if (init != null) s.checkAgainst(init.info(), "the --init model " + s.init(), false);
        RegressionModelFiles.Loaded resumed = checkpoint == null ? null : RegressionModelFiles.load(store, checkpoint);
        if (resumed != null) s.checkAgainst(resumed.info(), "the run's checkpoint " + checkpoint, true);
        RegressionModelFiles.Loaded start = resumed != null ? resumed : init;
        SequenceShape expected = start != null ? SequenceInput.shapeOf(start.model().spec())
                : new SequenceShape(0, 0, s.everyStep() == null ? null : s.everyStep() ? TargetForm.EVERY_STEP : TargetForm.LAST_STEP);
        org.sparkrnnlm.jobs.monitoring.JobLabels.step(session.sparkContext(), "read data");
        SequenceData train = s.input().read(session, s.data(), expected, "data", log);
        SequenceData held = s.heldout() == null ? null : s.input().read(session, s.heldout(), train.shape(), "heldout", log);
        RnnRegressionModel model = model(s, start, train);
        JavaRDD<Sequence> sequences = train.sequences().persist(StorageLevel.MEMORY_AND_DISK_SER());
        DistributedBackend<Sequence> backend = d.backend(session, model.spec(), sequences, held == null ? null : held.sequences(), s.schedule().optimizer());
        sequences.unpersist();
        if (backend.examplesPerEpoch() == 0) throw new org.sparkrnnlm.jobs.hadoop.BadInputException("the training data holds no sequences");
        TrainableRegressionModel trained = (TrainableRegressionModel) new TrainingRun<Sequence, RegressionModelInfo>(
                "train-regression", "sequences", store, d.output(), d.keepCheckpoints(), LossChart.meanSquaredError(held != null), log)
                .run(new TrainableRegressionModel(model), backend, s.schedule(), d,
                        resumed == null ? null : TrainingRun.resumed(store, checkpoint, resumed.info()));
        report(held != null ? held : train, trained.model(), held != null ? "held-out" : "training");
        return trained.model();
    }

    private static RnnRegressionModel model(RegressionTrainSettings s, RegressionModelFiles.Loaded start, SequenceData train) {
        if (start == null) {
            RegressionSpec spec = s.newSpec(train.inputSize(), train.outputSize(), train.targetForm() == TargetForm.EVERY_STEP);
            return RnnRegressionModel.initialize(spec, s.distributed().seed());
        }
        RnnRegressionModel m = start.model();
        if (s.bpttTruncate() == null) return m;
        RegressionSpec spec = m.spec();
        return RnnRegressionModel.of(new RegressionSpec(spec.inputSize(), spec.hiddenSize(), spec.outputSize(), s.bpttTruncate(),
                spec.activation(), spec.outputEveryStep(), spec.dtype()), m.parameters());
    }

    /** The figures users look for at the end: MSE, R^2 and how they compare with the targets' variance. */
    private void report(SequenceData data, RnnRegressionModel model, String which) {
        RegressionTotals t = RegressionScoring.evaluate(new JavaSparkContext(session.sparkContext()), data.sequences(), model,
                SparkSessions.taskCpus(session));
        log.printf("train-regression: %s MSE %.6g (%.2f%% of the target variance %.6g), R^2 %.4f%n", which, t.mse(),
                100 * t.mse() / t.targetVariance(), t.targetVariance(), t.r2());
    }
}
