package org.sparkrnnlm.jobs.cli;

import java.io.IOException;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.sparkrnnlm.core.tensor.Dtype;
import org.sparkrnnlm.core.train.ModelSpec;
import org.sparkrnnlm.core.model.TrainableModel;
import org.sparkrnnlm.core.train.TrainingLoop;
import org.sparkrnnlm.jobs.cli.Main.UsageError;
import org.sparkrnnlm.jobs.distributed.AveragingBackend;
import org.sparkrnnlm.jobs.distributed.DistributedBackend;
import org.sparkrnnlm.jobs.distributed.ExampleBlocks;
import org.sparkrnnlm.jobs.distributed.GradientBackend;
import org.sparkrnnlm.jobs.hadoop.HadoopFileStore;
import org.sparkrnnlm.jobs.spark.SparkSessions;
import org.sparkrnnlm.jobs.workflow.RunIdentity;
import org.sparkrnnlm.jobs.workflow.TrainingRun;
import picocli.CommandLine.Option;

/**
 * How every model trains on Spark (SPEC section 4): the distributed mode, partitioning, shuffling,
 * the divergence guard and the output directory with its checkpoints. The model's own settings
 * (sizes, learning rate, epochs) stay with each train command, whose defaults differ.
 */
public final class DistributedTrainingOptions {
    /** The distributed algorithms this version has. */
    public enum Mode { average, gradient }

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Output directory: model/, checkpoints/, metrics.jsonl, loss.png.")
    String output;
    @Option(names = "--mode", defaultValue = "average", description = "Distributed algorithm: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Mode mode;
    @Option(names = {"--sentences-per-round", "--examples-per-round"}, defaultValue = "4000",
            description = "Examples all partitions train on between two averagings (default: ${DEFAULT-VALUE}).")
    int examplesPerRound;
    @Option(names = "--batch-size", defaultValue = "100", description = "Examples per minibatch in gradient mode (default: ${DEFAULT-VALUE}).")
    int batchSize;
    @Option(names = "--partitions", description = "Partitions (default: Spark's default parallelism).")
    Integer partitions;
    @Option(names = "--shuffle", negatable = true, defaultValue = "false", description = "Shuffle each partition's examples every epoch (default: input order).")
    boolean shuffle;
    @Option(names = "--seed", defaultValue = "10", description = "Seed for initialisation and shuffling (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--divergence-factor", defaultValue = "2.0", description = "A loss above this multiple of the best so far counts as divergence (default: ${DEFAULT-VALUE}).")
    double divergenceFactor;
    @Option(names = "--max-rollbacks", defaultValue = "3", description = "Rollbacks in a row before training gives up (default: ${DEFAULT-VALUE}).")
    int maxRollbacks;
    @Option(names = "--resume", description = "Continue from the newest checkpoint in DIR.")
    boolean resume;
    @Option(names = "--keep-checkpoints", defaultValue = "3", description = "Checkpoints to keep (default: ${DEFAULT-VALUE}).")
    int keepCheckpoints;

    void validate() {
        if (batchSize < 1) throw new UsageError("--batch-size must be at least 1, got " + batchSize);
        if (examplesPerRound < 1) throw new UsageError("--sentences-per-round must be at least 1, got " + examplesPerRound);
        if (partitions != null && partitions < 1) throw new UsageError("--partitions must be at least 1, got " + partitions);
        if (!(divergenceFactor > 1)) throw new UsageError("--divergence-factor must be above 1, got " + divergenceFactor);
        if (maxRollbacks < 0) throw new UsageError("--max-rollbacks must be at least 0, got " + maxRollbacks);
        if (keepCheckpoints < 1) throw new UsageError("--keep-checkpoints must be at least 1, got " + keepCheckpoints);
    }

    static void validateSchedule(double lr, int epochs, int evaluateEvery, double annealThreshold) {
        if (!(annealThreshold >= 0) || Double.isInfinite(annealThreshold)) {
            throw new UsageError("--anneal-threshold must be a number of at least 0, got " + annealThreshold);
        }
        if (!(lr > 0) || Double.isInfinite(lr)) throw new UsageError("--lr must be a positive number, got " + lr);
        if (epochs < 0) throw new UsageError("--epochs must be at least 0, got " + epochs);
        if (evaluateEvery < 1) throw new UsageError("--evaluate-every must be at least 1, got " + evaluateEvery);
    }

    /** The --dtype value, or a usage error. */
    static Dtype dtype(String text) {
        try {
            return Dtype.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageError("--dtype: " + e.getMessage());
        }
    }

    /** The examples laid out in blocks and the backend of the chosen mode; heldout may be null. */
    <E> DistributedBackend<E> backend(SparkSession session, ModelSpec<E> spec, JavaRDD<E> examples, JavaRDD<E> heldout) {
        int n = partitions != null ? partitions : SparkSessions.defaultPartitions(session);
        JavaRDD<List<E>> blocks = ExampleBlocks.of(examples, n);
        JavaRDD<List<E>> heldoutBlocks = heldout == null ? null : ExampleBlocks.of(heldout, n);
        JavaSparkContext sc = new JavaSparkContext(session.sparkContext());
        Long shuffleSeed = shuffle ? seed : null;
        int threads = SparkSessions.taskCpus(session);
        return mode == Mode.gradient
                ? new GradientBackend<>(sc, blocks, heldoutBlocks, spec, batchSize, shuffleSeed, threads)
                : new AveragingBackend<>(sc, blocks, heldoutBlocks, spec, examplesPerRound, shuffleSeed, threads);
    }

    /** Trains into --output: checkpoints, metrics.jsonl, loss.png and model/. */
    <E> TrainableModel<E> train(String command, String examples, HadoopFileStore store, TrainableModel<E> model,
                                DistributedBackend<E> backend, TrainingLoop loop) throws IOException {
        if (backend.examplesPerEpoch() == 0) throw new IllegalArgumentException("the training data holds no " + examples);
        return new TrainingRun<E>(command, examples, store, output, keepCheckpoints, System.err)
                .run(model, backend, loop.guard(divergenceFactor, maxRollbacks), resume);
    }

    /** The settings that decide the trained model, for run identities. */
    RunIdentity addTo(RunIdentity id) {
        return id.add("mode", mode).add("sentencesPerRound", examplesPerRound).add("batchSize", batchSize)
                .add("partitions", partitions).add("shuffle", shuffle).add("seed", seed)
                .add("divergence", divergenceFactor + "/" + maxRollbacks);
    }
}
