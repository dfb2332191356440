package org.sparkrnnlm.jobs.workflow;

import static org.sparkrnnlm.jobs.settings.InvalidSettingException.require;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.sparkrnnlm.core.optim.Optimizer;
import org.sparkrnnlm.core.optim.OptimizerSettings;
import org.sparkrnnlm.core.train.ModelSpec;
import org.sparkrnnlm.jobs.distributed.AveragingBackend;
import org.sparkrnnlm.jobs.distributed.BlockMomentum;
import org.sparkrnnlm.jobs.distributed.DistributedBackend;
import org.sparkrnnlm.jobs.distributed.ExampleBlocks;
import org.sparkrnnlm.jobs.distributed.GradientBackend;
import org.sparkrnnlm.jobs.spark.SparkSessions;

/**
 * How any model trains on Spark: the distributed mode, partitioning, shuffling, the divergence
 * guard and the output directory with its checkpoints.
 *
 * @param partitions null: Spark's default parallelism
 * @param examplesPerRound examples all partitions train on per averaging round; null: {@link #DEFAULT_EXAMPLES_PER_ROUND}
 *        unless {@code examplesPerPartition} is given
 * @param examplesPerPartition examples each partition trains on per round, so the round grows with
 *        the partitions; null: {@code examplesPerRound} split among them
 * @param blockMomentum {@code --block-momentum}: a number in [0, 1) or "auto" (1 - 1/partitions, for
 *        adagrad and adam 1 - 2/partitions); null: not given (0)
 * @param blockLearningRate {@code --block-lr}; null: not given (1)
 * @param resetOptimizerState every round, partitions start the rule's state from zero instead of the average
 */
public record DistributedSettings(String output, Mode mode, Integer examplesPerRound, Integer examplesPerPartition, int batchSize,
                                  Integer partitions, boolean shuffle, long seed, double divergenceFactor, int maxRollbacks,
                                  boolean resume, int keepCheckpoints, String blockMomentum, Double blockLearningRate,
                                  boolean resetOptimizerState) {
    public static final int DEFAULT_EXAMPLES_PER_ROUND = 4000;
    public static final String AUTO = "auto";

    /** The distributed algorithms this version has. */
    public enum Mode { average, gradient }

    /** Plain averaging or gradient mode with the round size given: the settings every version had. */
    /**
     * Whether training shuffles when not told: the adaptive rules do (on the Brown split Adam in input
     * order, its genres in sequence, ends 2 epochs at perplexity 136.5, shuffled at 120.3); SGD keeps
     * the tutorial's input order.
     */
    public static boolean shufflesByDefault(Optimizer rule) {
        return rule != Optimizer.SGD;
    }

    public DistributedSettings(String output, Mode mode, int examplesPerRound, int batchSize, Integer partitions, boolean shuffle,
                               long seed, double divergenceFactor, int maxRollbacks, boolean resume, int keepCheckpoints) {
        this(output, mode, examplesPerRound, null, batchSize, partitions, shuffle, seed, divergenceFactor, maxRollbacks, resume,
                keepCheckpoints, null, null, false);
    }

    public DistributedSettings {
        require(output != null, "--output is required");
        require(batchSize >= 1, "--batch-size must be at least 1, got " + batchSize);
        require(examplesPerRound == null || examplesPerRound >= 1, "--sentences-per-round must be at least 1, got " + examplesPerRound);
        require(examplesPerPartition == null || examplesPerPartition >= 1,
                "--sentences-per-partition must be at least 1, got " + examplesPerPartition);
        require(examplesPerRound == null || examplesPerPartition == null,
                "--sentences-per-round and --sentences-per-partition exclude each other: give the round size one way");
        require(blockMomentum == null || AUTO.equals(blockMomentum) || momentumIn(blockMomentum),
                "--block-momentum must be a number in [0, 1) or auto, got " + blockMomentum);
        require(blockLearningRate == null || blockLearningRate > 0 && blockLearningRate < Double.POSITIVE_INFINITY,
                "--block-lr must be a positive number, got " + blockLearningRate);
        require(mode != Mode.gradient || blockMomentum == null && blockLearningRate == null && examplesPerPartition == null
                && !resetOptimizerState, "--block-momentum, --block-lr, --sentences-per-partition and --reset-optimizer-state apply to"
                + " --mode average only");
        require(partitions == null || partitions >= 1, "--partitions must be at least 1, got " + partitions);
        require(divergenceFactor > 1, "--divergence-factor must be above 1, got " + divergenceFactor);
        require(maxRollbacks >= 0, "--max-rollbacks must be at least 0, got " + maxRollbacks);
        require(keepCheckpoints >= 1, "--keep-checkpoints must be at least 1, got " + keepCheckpoints);
    }

    private static boolean momentumIn(String text) {
        try {
            double m = Double.parseDouble(text);
            return m >= 0 && m < 1;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The block filter of a run on {@code partitions} partitions with the rule: off unless asked for. */
    public BlockMomentum blockFilter(int partitions, Optimizer rule) {
        double lr = blockLearningRate == null ? 1 : blockLearningRate;
        if (blockMomentum == null) return new BlockMomentum(0, lr);
        return AUTO.equals(blockMomentum) ? new BlockMomentum(BlockMomentum.auto(partitions, rule).momentum(), lr)
                : new BlockMomentum(Double.parseDouble(blockMomentum), lr);
    }

    /** Examples each partition trains on per averaging round. */
    public int examplesPerPartition(int partitions) {
        if (examplesPerPartition != null) return examplesPerPartition;
        return AveragingBackend.slice(examplesPerRound == null ? DEFAULT_EXAMPLES_PER_ROUND : examplesPerRound, partitions);
    }

    /** The partitions a run uses: the setting, else Spark's default parallelism. */
    public int partitions(SparkSession session) {
        return partitions != null ? partitions : SparkSessions.defaultPartitions(session);
    }

    /** The examples laid out in blocks and the backend of the chosen mode; heldout may be null. */
    public <E> DistributedBackend<E> backend(SparkSession session, ModelSpec<E> spec, JavaRDD<E> examples, JavaRDD<E> heldout,
                                             OptimizerSettings optimizer) {
        require(!resetOptimizerState || optimizer.optimizer() != Optimizer.SGD,
                "--reset-optimizer-state needs --optimizer adagrad or adam: sgd keeps no state");
        int n = partitions(session);
        JavaRDD<List<E>> blocks = ExampleBlocks.of(examples, n);
        JavaRDD<List<E>> heldoutBlocks = heldout == null ? null : ExampleBlocks.of(heldout, n);
        JavaSparkContext sc = new JavaSparkContext(session.sparkContext());
        Long shuffleSeed = shuffle ? seed : null;
        int threads = SparkSessions.taskCpus(session);
        return mode == Mode.gradient
                ? new GradientBackend<>(sc, blocks, heldoutBlocks, spec, batchSize, shuffleSeed, threads, optimizer)
                : new AveragingBackend<>(sc, blocks, heldoutBlocks, spec, shuffleSeed, threads, optimizer, examplesPerPartition(n),
                        blockFilter(n, optimizer.optimizer()), resetOptimizerState);
    }

    /** The settings that decide the trained model, for run identities. */
    RunIdentity addTo(RunIdentity id) {
        id.add("mode", mode);
        if (examplesPerPartition == null) {
            id.add("sentencesPerRound", examplesPerRound == null ? DEFAULT_EXAMPLES_PER_ROUND : examplesPerRound);
        } else {
            id.add("sentencesPerPartition", examplesPerPartition);
        }
        if (blockMomentum != null || blockLearningRate != null) id.add("blockMomentum", blockMomentum + "/" + blockLearningRate);
        if (resetOptimizerState) id.add("resetOptimizerState", true);
        return id.add("batchSize", batchSize)
                .add("partitions", partitions).add("shuffle", shuffle).add("seed", seed)
                .add("divergence", divergenceFactor + "/" + maxRollbacks);
    }
}
