package org.sparkrnnlm.jobs.distributed;

import java.util.List;
import java.util.function.LongConsumer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.sparkrnnlm.core.tensor.ParameterVector;
import org.sparkrnnlm.core.tensor.Parameters;
import org.sparkrnnlm.core.train.LossTotals;
import org.sparkrnnlm.core.train.ModelSpec;
import org.sparkrnnlm.core.train.TrainingBackend;
import org.sparkrnnlm.jobs.monitoring.JobLabels;

/**
 * What both distributed modes share, for any model: the cached example blocks (one per
 * partition), the loss evaluation, the sizes of the data and progress reporting. Subclasses
 * define an epoch; the model's {@link ModelSpec} builds the per-example math on the executors.
 */
public abstract class DistributedBackend<E> implements TrainingBackend {
    protected final JavaSparkContext sc;
    protected final JavaRDD<List<E>> blocks;
    protected final ModelSpec<E> spec;
    protected final Long shuffleSeed;
    protected final int taskThreads;
    /** Examples in each partition's block, in partition order. */
    protected final long[] blockSizes;
    private final JavaRDD<List<E>> evaluation;
    private final long examples;
    private final long targets;
    protected LongConsumer progress = done -> { };
    /** Where a backend tells the user of a change of course mid-run (a log line each). */
    protected java.util.function.Consumer<String> notes = note -> { };
    protected final FaultInjection faults;
    protected final RoundTimes times = new RoundTimes();
    private final RoundJob<E> roundJob;
    /** Broadcast and job time of the last {@link #aggregate}, for {@link #times}. */
    protected long lastBroadcastNanos;
    protected long lastJobNanos;
    /** The epochs of the run, for the jobs' labels; 0 when unknown. */
    private int epochs;

    protected DistributedBackend(JavaSparkContext sc, JavaRDD<List<E>> blocks, JavaRDD<List<E>> heldout, ModelSpec<E> spec,
                                 Long shuffleSeed, int taskThreads) {
        this.sc = sc;
        this.blocks = blocks;
        this.evaluation = heldout == null ? blocks : heldout;
        this.spec = spec;
        this.shuffleSeed = shuffleSeed;
        this.taskThreads = taskThreads;
        this.faults = FaultInjection.from(sc.getConf());
        this.roundJob = new RoundJob<>(blocks, sc.getConf());
        ModelSpec<E> model = spec;
        long[][] perBlock = blocks.mapPartitionsWithIndex((p, it) -> {
            long[] row = {p, 0, 0};
            it.forEachRemaining(b -> {
                row[1] += b.size();
                for (E example : b) row[2] += model.targets(example);
            });
            return java.util.List.of(row).iterator();
        }, true).collect().toArray(new long[0][]);
        this.blockSizes = new long[blocks.getNumPartitions()];
        long s = 0;
        long t = 0;
        for (long[] row : perBlock) {
            blockSizes[(int) row[0]] = row[1];
            s += row[1];
            t += row[2];
        }
        this.examples = s;
        this.targets = t;
    }

    /** The work of one round on one partition's block, in the epoch's order, at the broadcast parameters. */
    protected interface BlockTask<E> extends java.io.Serializable {
        ParameterSum run(ParameterSum acc, int partition, List<E> order, ParameterVector at);
    }

    /**
     * Broadcasts the parameters, runs the task on every partition's block and adds the results up
     * ({@link RoundJob}): a retried task's result replaces the failed attempt's, never adds to it.
     */
    protected ParameterSum aggregate(Parameters parameters, int epoch, int round, int rounds, BlockTask<E> task) {
        ParameterSum total = new ParameterSum();
        for (ParameterSum part : parts(parameters, epoch, round, rounds, task)) total.merge(part);
        return total;
    }

    /** As {@link #aggregate}, each partition's result apart, in partition order ({@link RoundJob#parts}). */
    protected ParameterSum[] parts(Parameters parameters, int epoch, int round, int rounds, BlockTask<E> task) {
        label(epoch, "round " + (round + 1) + "/" + rounds);
        long start = System.nanoTime();
        Broadcast<ParameterVector> shared = sc.broadcast(parameters.toVector());
        long sent = System.nanoTime();
        lastBroadcastNanos = sent - start;
        try {
            return roundJob.parts(new RoundJob.PartitionRound<>(shared, shuffleSeed, taskThreads, faults, epoch, round, task));
        } finally {
            lastJobNanos = System.nanoTime() - sent;
            shared.destroy();
        }
    }

    /** Labels the next jobs with the epoch ("epoch 3/10 round 5/13") for the Spark UI and the progress line. */
    protected void label(int epoch, String step) {
        JobLabels.step(sc.sc(), "epoch " + (epoch + 1) + (epochs > 0 ? "/" + epochs : "") + " " + step);
    }

    /** How the rounds travel, when worth telling the user; null otherwise. */
    public String roundsNote() {
        return null;
    }

    /** Where the rounds' time went so far. */
    public RoundTimes roundTimes() {
        return times;
    }

    /** Records one round whose driver update (after {@link #aggregate}) took {@code updateNanos}. */
    protected void recordRound(ParameterSum result, long updateNanos) {
        times.add(lastBroadcastNanos, lastJobNanos, result.computeNanos(), updateNanos);
    }

    /** Called with each note for the user ({@link #notes}). */
    public void onNote(java.util.function.Consumer<String> notes) {
        this.notes = notes;
    }

    /** Called with the number of examples trained so far in the current epoch after each round. */
    public void onRound(LongConsumer progress) {
        this.progress = progress;
    }

    /** The number of epochs the run trains, which the jobs' labels show ("epoch 3/10"). */
    public void epochs(int epochs) {
        this.epochs = epochs;
    }

    @Override
    public LossTotals evaluate(Parameters parameters) {
        JobLabels.step(sc.sc(), "evaluate");
        return DistributedLoss.of(sc, evaluation, spec, parameters, taskThreads);
    }

    /** The filter between rounds: off except in average mode with block momentum. */
    public BlockMomentum blockFilter() {
        return BlockMomentum.OFF;
    }

    public int partitions() {
        return blocks.getNumPartitions();
    }

    @Override
    public long examplesPerEpoch() {
        return examples;
    }

    @Override
    public long targetsPerEpoch() {
        return targets;
    }
}
