package org.sparkrnnlm.jobs.workflow;

import static org.sparkrnnlm.jobs.settings.InvalidSettingException.require;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.sparkrnnlm.core.optim.OptimizerSettings;
import org.sparkrnnlm.core.train.ModelSpec;
import org.sparkrnnlm.jobs.distributed.AveragingBackend;
import org.sparkrnnlm.jobs.distributed.DistributedBackend;
import org.sparkrnnlm.jobs.distributed.ExampleBlocks;
import org.sparkrnnlm.jobs.distributed.GradientBackend;
import org.sparkrnnlm.jobs.spark.SparkSessions;

/**
 * How any model trains on Spark: the distributed mode, partitioning, shuffling, the divergence
 * guard and the output directory with its checkpoints.
 *
 * @param partitions null: Spark's default parallelism
 */
public record DistributedSettings(String output, Mode mode, int examplesPerRound, int batchSize, Integer partitions, boolean shuffle,
                                  long seed, double divergenceFactor, int maxRollbacks, boolean resume, int keepCheckpoints) {

    /** The distributed algorithms this version has. */
    public enum Mode { average, gradient }

    public DistributedSettings {
        require(output != null, "--output is required");
        require(batchSize >= 1, "--batch-size must be at least 1, got " + batchSize);
        require(examplesPerRound >= 1, "--sentences-per-round must be at least 1, got " + examplesPerRound);
        require(partitions == null || partitions >= 1, "--partitions must be at least 1, got " + partitions);
        require(divergenceFactor > 1, "--divergence-factor must be above 1, got " + divergenceFactor);
        require(maxRollbacks >= 0, "--max-rollbacks must be at least 0, got " + maxRollbacks);
        require(keepCheckpoints >= 1, "--keep-checkpoints must be at least 1, got " + keepCheckpoints);
    }

    /** The examples laid out in blocks and the backend of the chosen mode; heldout may be null. */
    public <E> DistributedBackend<E> backend(SparkSession session, ModelSpec<E> spec, JavaRDD<E> examples, JavaRDD<E> heldout,
                                             OptimizerSettings optimizer) {
        int n = partitions != null ? partitions : SparkSessions.defaultPartitions(session);
        JavaRDD<List<E>> blocks = ExampleBlocks.of(examples, n);
        JavaRDD<List<E>> heldoutBlocks = heldout == null ? null : ExampleBlocks.of(heldout, n);
        JavaSparkContext sc = new JavaSparkContext(session.sparkContext());
        Long shuffleSeed = shuffle ? seed : null;
        int threads = SparkSessions.taskCpus(session);
        return mode == Mode.gradient
                ? new GradientBackend<>(sc, blocks, heldoutBlocks, spec, batchSize, shuffleSeed, threads, optimizer)
                : new AveragingBackend<>(sc, blocks, heldoutBlocks, spec, examplesPerRound, shuffleSeed, threads, optimizer);
    }

    /** The settings that decide the trained model, for run identities. */
    RunIdentity addTo(RunIdentity id) {
        return id.add("mode", mode).add("sentencesPerRound", examplesPerRound).add("batchSize", batchSize)
                .add("partitions", partitions).add("shuffle", shuffle).add("seed", seed)
                .add("divergence", divergenceFactor + "/" + maxRollbacks);
    }
}
