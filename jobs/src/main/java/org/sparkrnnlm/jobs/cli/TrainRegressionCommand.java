package org.sparkrnnlm.jobs.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.sparkrnnlm.core.tensor.Dtype;
import org.sparkrnnlm.core.model.RegressionModelFiles;
import org.sparkrnnlm.core.regression.RegressionSpec;
import org.sparkrnnlm.core.regression.RegressionTotals;
import org.sparkrnnlm.core.regression.RnnRegressionModel;
import org.sparkrnnlm.core.regression.Sequence;
import org.sparkrnnlm.core.rnn.Activation;
import org.sparkrnnlm.core.model.TrainableModel;
import org.sparkrnnlm.core.model.TrainableRegressionModel;
import org.sparkrnnlm.core.train.TrainingLoop;
import org.sparkrnnlm.jobs.cli.Main.UsageError;
import org.sparkrnnlm.jobs.regression.SequenceData;
import org.sparkrnnlm.jobs.regression.SequenceShape;
import org.sparkrnnlm.jobs.regression.TargetForm;
import org.sparkrnnlm.jobs.distributed.DistributedBackend;
import org.sparkrnnlm.jobs.hadoop.HadoopFileStore;
import org.sparkrnnlm.jobs.regression.RegressionScoring;
import org.sparkrnnlm.jobs.spark.SparkSessions;
import org.sparkrnnlm.jobs.workflow.ModelRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Trains the sequence-regression model on JSON lines with the same distributed SGD as train. */
@Command(name = "train-regression", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train an RNN sequence-regression model on DATA: JSON lines {\"inputs\": [[u_0...], ...], \"target\": [y...]}",
            "(a target [[y_0...], ...] per step trains an output at every step)."})
public final class TrainRegressionCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "DATA", description = "JSON-lines file, directory or glob (.gz, .bz2, .zst too).")
    String data;
    @Option(names = "--heldout", paramLabel = "DATA", description = "Evaluate (and anneal) on these sequences instead of the training data.")
    String heldout;
    @Option(names = "--init", paramLabel = "MODEL_DIR", description = "Start from this regression model.")
    String init;
    @Option(names = "--hidden", defaultValue = "16", description = "Hidden size H (default: ${DEFAULT-VALUE}).")
    int hidden;
    @Option(names = "--activation", defaultValue = "sigmoid", description = "Hidden nonlinearity: sigmoid or tanh (default: ${DEFAULT-VALUE}).")
    String activation;
    @Option(names = "--output-every-step", negatable = true, description = "An output at every step (default: as the data's targets say).")
    Boolean everyStep;
    @Option(names = "--bptt-truncate", paramLabel = "N", description = "Earlier steps an error flows back through (default: all, full BPTT).")
    Integer bpttTruncate;
    @Option(names = "--lr", defaultValue = "0.03", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double lr;
    @Option(names = "--epochs", defaultValue = "80", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;
    @Option(names = "--evaluate-every", defaultValue = "1", description = "Evaluate the loss and anneal every N epochs (default: ${DEFAULT-VALUE}).")
    int evaluateEvery;
    @Option(names = "--anneal-threshold", defaultValue = "0.05", paramLabel = "F",
            description = {"Halve the learning rate only when the loss rises by more than this fraction (default: ${DEFAULT-VALUE};",
                "0 halves on any rise, as the tutorial, which stalls on the flat start of small initial weights)."})
    double annealThreshold;
    @Option(names = "--dtype", defaultValue = "double", description = "float or double (default: ${DEFAULT-VALUE}).")
    String dtype;

    @Mixin
    SequenceInputOptions input;
    @Mixin
    DistributedTrainingOptions training;
    @Mixin
    SparkOptions spark;
    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() throws Exception {
        validate();
        return spark.run("train-regression", (session, store) -> {
            RnnRegressionModel start = init == null ? null
                    : RegressionModelFiles.load(store, ModelRegistry.resolve(store, init)).model();
            SequenceShape expected = start != null ? SequenceInputOptions.shapeOf(start.spec())
                    : new SequenceShape(0, 0, everyStep == null ? null : everyStep ? TargetForm.EVERY_STEP : TargetForm.LAST_STEP);
            SequenceData train = input.read(session, data, expected, "data");
            SequenceData held = heldout == null ? null : input.read(session, heldout, train.shape(), "heldout");
            RnnRegressionModel model = start != null ? start : RnnRegressionModel.initialize(spec(train), training.seed);
            JavaRDD<Sequence> sequences = train.sequences().persist(StorageLevel.MEMORY_AND_DISK_SER());
            DistributedBackend<Sequence> backend = training.backend(session, model.spec(), sequences,
                    held == null ? null : held.sequences());
            sequences.unpersist();
            TrainableModel<Sequence> trained = training.train("train-regression", "sequences", store, new TrainableRegressionModel(model), backend,
                    new TrainingLoop(epochs, evaluateEvery, lr).annealThreshold(annealThreshold));
            report(session, held != null ? held : train, ((TrainableRegressionModel) trained).model(), held != null ? "held-out" : "training");
            return 0;
        });
    }

    private RegressionSpec spec(SequenceData train) {
        return new RegressionSpec(train.inputSize(), hidden, train.outputSize(),
                bpttTruncate == null ? RegressionSpec.FULL_BPTT : bpttTruncate, activation(),
                train.targetForm() == TargetForm.EVERY_STEP, Dtype.parse(dtype));
    }

    private Activation activation() {
        return Activation.valueOf(activation.toUpperCase(Locale.ROOT));
    }

    /** The figures users look for at the end: MSE, R^2 and how they compare with the targets' variance. */
    private static void report(org.apache.spark.sql.SparkSession session, SequenceData data, RnnRegressionModel model, String which) {
        RegressionTotals t = RegressionScoring.evaluate(new JavaSparkContext(session.sparkContext()), data.sequences(), model,
                SparkSessions.taskCpus(session));
        System.err.printf("train-regression: %s MSE %.6g (%.2f%% of the target variance %.6g), R^2 %.4f%n", which, t.mse(),
                100 * t.mse() / t.targetVariance(), t.targetVariance(), t.r2());
    }

    private void validate() {
        if (hidden < 1) throw new UsageError("--hidden must be at least 1, got " + hidden);
        if (bpttTruncate != null && bpttTruncate < 0) throw new UsageError("--bptt-truncate must be at least 0, got " + bpttTruncate);
        DistributedTrainingOptions.validateSchedule(lr, epochs, evaluateEvery, annealThreshold);
        training.validate();
        input.validate();
        DistributedTrainingOptions.dtype(dtype);
        try {
            activation();
        } catch (IllegalArgumentException e) {
            throw new UsageError("--activation must be sigmoid or tanh, got " + activation);
        }
        if (init != null && (bpttTruncate != null || everyStep != null)) {
            throw new UsageError("--init brings the model's settings: drop --bptt-truncate and --output-every-step");
        }
    }
}
