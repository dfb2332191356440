package org.sparkrnnlm.jobs.cli;

import java.util.concurrent.Callable;
import org.sparkrnnlm.core.lm.RnnLanguageModel;
import org.sparkrnnlm.core.optim.OptimizerSettings;
import org.sparkrnnlm.jobs.workflow.DistributedSettings;
import org.sparkrnnlm.jobs.workflow.Schedule;
import org.sparkrnnlm.jobs.workflow.SoftmaxSettings;
import org.sparkrnnlm.jobs.workflow.TrainSettings;
import org.sparkrnnlm.jobs.workflow.TrainWorkflow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Trains a language model on DATA with distributed per-sentence SGD. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train an RNN language model on DATA (a preprocess dataset directory or a text file, one tokenized sentence per line).")
public final class TrainCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "DATA", description = "Dataset directory or text file.")
    String data;
    @Option(names = "--init", paramLabel = "MODEL_DIR", description = "Start from this model (and its vocabulary).")
    String init;
    @Option(names = "--hidden", description = "Hidden size H of a new model (default: " + RnnLanguageModel.DEFAULT_HIDDEN + "; a model to continue keeps its own).")
    Integer hidden;
    @Option(names = "--bptt-truncate", description = "Earlier steps an error flows back through (default: " + RnnLanguageModel.DEFAULT_BPTT_TRUNCATE + ", or the --init model's).")
    Integer bpttTruncate;
    @Option(names = "--lr", description = "Learning rate (default: " + RnnLanguageModel.DEFAULT_LEARNING_RATE + " for sgd, 0.05 adagrad, 0.004 adam, 0.006 adam with --softmax class or --mode gradient; adam's rate falls linearly to 0 unless --lr-schedule constant).")
    Double lr;
    @Option(names = "--epochs", defaultValue = "10", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;
    @Option(names = "--evaluate-every", defaultValue = "5", description = "Evaluate the loss and anneal every N epochs (default: ${DEFAULT-VALUE}).")
    int evaluateEvery;
    @Option(names = "--anneal-threshold", defaultValue = "0", paramLabel = "F",
            description = "Halve the learning rate only when the loss rises by more than this fraction (default: ${DEFAULT-VALUE}, on any rise, as the tutorial).")
    double annealThreshold;
    @Option(names = "--dtype", description = "float or double for a new model (default: float; a model to continue keeps its own).")
    String dtype;
    @Option(names = "--heldout", paramLabel = "DATA", description = "Evaluate (and anneal) on this data instead of the training data.")
    String heldout;
    @Option(names = "--vocab-size", description = "Vocabulary size C for text DATA (default: " + RnnLanguageModel.DEFAULT_VOCABULARY_SIZE + ").")
    Integer vocabularySize;
    @Option(names = "--vocab", paramLabel = "FILE", description = "Use this vocab.tsv (or a model directory's, or a registry's) for text DATA.")
    String vocab;
    @Option(names = "--softmax", paramLabel = "full|class",
            description = "Output layer of a new model: full, or class-factored by word frequency (default: full; a model to continue keeps its own).")
    String softmax;
    @Option(names = "--classes", paramLabel = "N", description = "Word classes of a class-factored model (default: about sqrt(C)); needs --softmax class.")
    Integer classes;
    @Option(names = "--output-bias", negatable = true, description = "Give a new model an output bias b: o_t = softmax(V s_t + b), b in params.npz, starting from the vocabulary's unigram log-probabilities (default: none, the tutorial's model; full softmax only).")
    Boolean outputBias;
    @Option(names = "--publish", paramLabel = "DIR", description = "Also publish the model as DIR/model-<run id> and point DIR/LATEST at it; an identical run that was already published is not repeated.")
    String publish;

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
        TrainSettings settings = settings();
        return spark.run("train", (session, store) -> {
            new TrainWorkflow(session, store, System.err).run(settings);
            return 0;
        });
    }

    private Schedule schedule() {
        OptimizerSettings rule = optimizer.settings();
        boolean classes = new SoftmaxSettings(softmax, null).classFactored();
        boolean minibatches = training.mode == DistributedSettings.Mode.gradient;
        return new Schedule(rule, OptimizerOptions.learningRate(lr, rule, o -> RnnLanguageModel.defaultLearningRate(o, classes, minibatches)),
                epochs, evaluateEvery, annealThreshold,
                optimizer.schedule(rule, o -> RnnLanguageModel.defaultSchedule(o, classes, minibatches)));
    }

    TrainSettings settings() {
        return new TrainSettings(data, heldout, init, hidden, bpttTruncate, dtype == null ? null : SparkOptions.dtype(dtype), vocabularySize,
                vocab, publish, schedule(), training.settings(optimizer.settings().optimizer()), new SoftmaxSettings(softmax, classes, outputBias));
    }
}
