package org.sparkrnnlm.jobs.distributed;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.sparkrnnlm.core.tensor.ParameterVector;
import org.sparkrnnlm.core.tensor.Parameters;
import org.sparkrnnlm.core.tensor.RawParameters;
import org.sparkrnnlm.core.train.MinibatchPlan;
import org.sparkrnnlm.core.train.ModelSpec;

/**
 * Gradient mode's epoch as one Spark job whose tasks stay for all its rounds, each round a message
 * each way over the {@link RoundChannel}: a round as its own Spark job pays a broadcast, the job's
 * scheduling and its result's return, about 40 ms at batch 32 with 2 partitions. The driver still
 * merges the partitions' sums in partition order and applies the rule, so the model is the one the
 * round-per-job path gives, bit for bit. Used when every partition can hold a task slot at once;
 * when a partition's task stays away longer than the wait (no slot for a retry after a lost
 * executor), the job is cancelled and the caller runs the epoch's remaining rounds as jobs.
 */
final class ChannelRounds<E> {
    /** Spark setting: false runs every round as its own Spark job. */
    static final String ENABLED_KEY = "spark.rnnlm.distributed.roundChannel";
    /** Spark setting: how long a round waits for a partition whose task is not connected before falling back. */
    static final String WAIT_KEY = "spark.rnnlm.distributed.roundChannel.waitSeconds";

    /** What the rounds do on the driver. */
    interface Driver {
        /** The weights the next round's gradients are taken at. */
        Parameters weights();

        /** Applies round {@code batch}'s gradient, given as each partition's sum in partition order. */
        void apply(int batch, ParameterSum[] parts, long sendNanos, long waitNanos);

        /** The channel gave up at round {@code batch}, for the reason given; the caller goes on in jobs. */
        void fellBack(int batch, String why);
    }

    /** Why the channel gives up on the epoch's remaining rounds. */
    private static final class Fallback extends Exception {
        private static final long serialVersionUID = 1L;

        Fallback(String why) {
            super(why, null, false, false);
        }
    }

    private final JavaSparkContext sc;
    private final JavaRDD<List<E>> blocks;
    private final ModelSpec<E> spec;
    private final MinibatchPlan plan;
    private final Long seed;
    private final int threads;
    private final FaultInjection faults;

    ChannelRounds(JavaSparkContext sc, JavaRDD<List<E>> blocks, ModelSpec<E> spec, MinibatchPlan plan, Long seed, int threads,
                  FaultInjection faults) {
        this.sc = sc;
        this.blocks = blocks;
        this.spec = spec;
        this.plan = plan;
        this.seed = seed;
        this.threads = threads;
        this.faults = faults;
    }

    /** Why the channel cannot carry this run's rounds, or null when it can. */
    static String unusable(JavaSparkContext sc, int partitions, int directMergeMaxPartitions) {
        SparkConf conf = sc.getConf();
        if (!conf.getBoolean(ENABLED_KEY, true)) return ENABLED_KEY + " is false";
        if (conf.getBoolean("spark.authenticate", false) || conf.getBoolean("spark.network.crypto.enabled", false)) {
            return "Spark's connections are authenticated or encrypted and the round channel is neither";
        }
        if (partitions > directMergeMaxPartitions) return partitions + " partitions are merged in a tree";
        int slots = sc.defaultParallelism() / Math.max(1, conf.getInt("spark.task.cpus", 1));
        if (partitions > slots) return partitions + " partitions need as many task slots at once, and there are " + slots;
        return null;
    }

    /** Runs the epoch's rounds; returns the first round not done: {@code plan.batches()} unless it fell back. */
    int run(int epoch, Driver driver) {
        try {
            return rounds(epoch, driver);
        } catch (Exception e) {
            throw ChannelRounds.<RuntimeException>unchecked(e);
        }
    }

    /** Rethrows as it is: a failed job's SparkException must reach the command line as the round jobs' would. */
    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T unchecked(Throwable t) throws T {
        throw (T) t;
    }

    private int rounds(int epoch, Driver driver) throws Exception {
        SparkConf conf = sc.getConf();
        String host = conf.get("spark.driver.host");
        long waitNanos = TimeUnit.SECONDS.toNanos(conf.getLong(WAIT_KEY, 20));
        int partitions = blocks.getNumPartitions();
        try (RoundChannel channel = RoundChannel.open(conf.get("spark.driver.bindAddress", host), host, partitions,
                faults.refusesChannelRetries())) {
            ParameterVector layout = driver.weights().toVector().layout();
            JavaFutureAction<Void> job = blocks.foreachPartitionAsync(
                    new ChannelTask<>(faults.channelEndpoint(channel.endpoint()), layout, spec, plan, seed, threads, faults, epoch));
            try {
                for (int b = 0; b < plan.batches(); b++) {
                    if (plan.examples(b) == 0) continue;
                    long start = System.nanoTime();
                    channel.publish(b, RawParameters.encode(driver.weights()));
                    long sent = System.nanoTime();
                    ParameterSum[] parts = new ParameterSum[partitions];
                    try {
                        for (int p = 0; p < partitions; p++) parts[p] = await(channel, job, p, b, waitNanos);
                    } catch (Fallback f) {
                        driver.fellBack(b, f.getMessage());
                        return b;
                    }
                    driver.apply(b, parts, sent - start, System.nanoTime() - sent);
                }
                channel.publish(Frames.END, ByteBuffer.allocate(0));
                job.get();
                return plan.batches();
            } finally {
                stop(job);
            }
        }
    }

    /** The partition's result of the round; a fallback when its task has been away longer than {@code waitNanos}. */
    private static ParameterSum await(RoundChannel channel, JavaFutureAction<Void> job, int partition, int round, long waitNanos)
            throws Exception {
        long away = -1;
        while (true) {
            ParameterSum f = channel.poll(partition, round, 200);
            if (f != null) return f;
            if (job.isDone()) {
                // A task that never reached the driver (a firewall, say) is the channel's failure, not the training's.
                if (!channel.allConnectedOnce()) throw new Fallback("a task could not reach the driver: " + failure(job));
                rethrow(job);
                throw new IllegalStateException("the round channel's job ended before round " + round);
            }
            if (channel.connected(partition)) {
                away = -1;
            } else if (away < 0) {
                away = System.nanoTime();
            } else if (System.nanoTime() - away > waitNanos) {
                throw new Fallback("partition " + partition + " had no task for " + TimeUnit.NANOSECONDS.toSeconds(waitNanos) + " s");
            }
        }
    }

    private static String failure(JavaFutureAction<Void> job) {
        try {
            job.get();
            return "its job ended";
        } catch (Exception e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            String message = String.valueOf(cause.getMessage());
            return message.lines().findFirst().orElse(message);
        }
    }

    private static void rethrow(JavaFutureAction<Void> job) throws Exception {
        try {
            job.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** Cancels the job if it still runs and waits until Spark has marked it ended. */
    private static void stop(JavaFutureAction<Void> job) {
        if (job.isDone()) return;
        job.cancel(true);
        try {
            job.get();
        } catch (Exception expected) {
            // Cancelled: the caller goes on without it.
        }
    }
}
