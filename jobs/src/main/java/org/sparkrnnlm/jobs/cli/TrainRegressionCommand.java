package org.sparkrnnlm.jobs.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.sparkrnnlm.core.optim.LearningRateSchedule;
import org.sparkrnnlm.core.optim.OptimizerSettings;
import org.sparkrnnlm.core.regression.RnnRegressionModel;
import org.sparkrnnlm.core.rnn.Activation;
import org.sparkrnnlm.jobs.settings.InvalidSettingException;
import org.sparkrnnlm.jobs.workflow.RegressionTrainSettings;
import org.sparkrnnlm.jobs.workflow.RegressionTrainWorkflow;
import org.sparkrnnlm.jobs.workflow.Schedule;
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
    @Option(names = "--hidden", description = "Hidden size H of a new model (default: " + RnnRegressionModel.DEFAULT_HIDDEN + "; a model to continue keeps its own).")
    Integer hidden;
    @Option(names = "--activation", description = "Hidden nonlinearity of a new model: sigmoid or tanh (default: sigmoid).")
    String activation;
    @Option(names = "--output-every-step", negatable = true, description = "An output at every step (default: as the data's targets say).")
    Boolean everyStep;
    @Option(names = "--bptt-truncate", paramLabel = "N", description = "Earlier steps an error flows back through (default: all, full BPTT).")
    Integer bpttTruncate;
    @Option(names = "--lr", description = "Learning rate (default: " + RnnRegressionModel.DEFAULT_LEARNING_RATE + " for sgd, 0.1 adagrad, 0.003 adam).")
    Double lr;
    @Option(names = "--epochs", defaultValue = "80", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;
    @Option(names = "--evaluate-every", defaultValue = "1", description = "Evaluate the loss and anneal every N epochs (default: ${DEFAULT-VALUE}).")
    int evaluateEvery;
    @Option(names = "--anneal-threshold", defaultValue = "0.05", paramLabel = "F",
            description = {"Halve the learning rate only when the loss rises by more than this fraction (default: ${DEFAULT-VALUE};",
                "0 halves on any rise, as the tutorial, which stalls on the flat start of small initial weights)."})
    double annealThreshold;
    @Option(names = "--dtype", description = "float or double for a new model (default: double).")
    String dtype;

    @Mixin
    SequenceInputOptions input;
    @Mixin
    OptimizerOptions optimizer;
    @Mixin
    DistributedTrainingOptions training;
    @Mixin
    SparkOptions spark;
    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() throws Exception {
        RegressionTrainSettings settings = settings();
        return spark.run("train-regression", (session, store) -> {
            new RegressionTrainWorkflow(session, store, System.err).run(settings);
            return 0;
        });
    }

    private Schedule schedule() {
        OptimizerSettings rule = optimizer.settings();
        return new Schedule(rule, OptimizerOptions.learningRate(lr, rule, RnnRegressionModel::defaultLearningRate), epochs,
                evaluateEvery, annealThreshold, optimizer.schedule(rule, o -> LearningRateSchedule.CONSTANT));
    }

    RegressionTrainSettings settings() {
        return new RegressionTrainSettings(data, heldout, init, hidden, activation == null ? null : activation(activation), everyStep,
                bpttTruncate, dtype == null ? null : SparkOptions.dtype(dtype), input.settings(),
                schedule(), training.settings(optimizer.settings().optimizer()));
    }

    private static Activation activation(String name) {
        try {
            return Activation.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException("--activation must be sigmoid or tanh, got " + name);
        }
    }
}
