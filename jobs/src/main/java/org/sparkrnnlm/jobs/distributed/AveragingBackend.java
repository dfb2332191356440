package org.sparkrnnlm.jobs.distributed;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.sparkrnnlm.core.optim.OptimizerSettings;
import org.sparkrnnlm.core.optim.OptimizerState;
import org.sparkrnnlm.core.optim.UpdateRule;
import org.sparkrnnlm.core.tensor.ParameterVector;
import org.sparkrnnlm.core.tensor.Parameters;
import org.sparkrnnlm.core.train.StepRates;
import org.sparkrnnlm.core.train.ExampleTraining;
import org.sparkrnnlm.core.train.LossTotals;
import org.sparkrnnlm.core.train.ModelSpec;
import org.sparkrnnlm.core.train.TrainedEpoch;

/**
 * {@code --mode average}: each round the driver broadcasts the parameters, every partition runs
 * per-example SGD over its next {@code examplesPerRound / partitions} examples, and the driver
 * takes the example-weighted average, which {@link BlockMomentum} filters when it is on. Results
 * return as the tasks' values ({@link RoundJob}), never accumulators, so a retried task cannot count twice.
 */
public final class AveragingBackend<E> extends DistributedBackend<E> {
    private final int sliceSize;
    private final int rounds;
    private final OptimizerSettings optimizer;
    private final BlockMomentum filter;
    private final boolean resetRuleState;

    public AveragingBackend(JavaSparkContext sc, JavaRDD<List<E>> blocks, JavaRDD<List<E>> heldout, ModelSpec<E> spec,
                            int examplesPerRound, Long shuffleSeed, int taskThreads) {
        this(sc, blocks, heldout, spec, examplesPerRound, shuffleSeed, taskThreads, OptimizerSettings.SGD);
    }

    /** Each partition runs the rule per example from the broadcast weights and state; both are averaged. */
    public AveragingBackend(JavaSparkContext sc, JavaRDD<List<E>> blocks, JavaRDD<List<E>> heldout, ModelSpec<E> spec,
                            int examplesPerRound, Long shuffleSeed, int taskThreads, OptimizerSettings optimizer) {
        this(sc, blocks, heldout, spec, shuffleSeed, taskThreads, optimizer, slice(examplesPerRound, blocks.getNumPartitions()),
                BlockMomentum.OFF, false);
    }

    /**
     * Each partition trains {@code examplesPerPartition} examples per round; with the filter on, the
     * parameters given to {@link #trainEpoch} must hold its state ({@link BlockMomentum#withZeroState}).
     * With {@code resetRuleState} every round starts the rule's state from zero, as CNTK's BMUF
     * does by default, instead of from the previous round's average.
     */
    public AveragingBackend(JavaSparkContext sc, JavaRDD<List<E>> blocks, JavaRDD<List<E>> heldout, ModelSpec<E> spec,
                            Long shuffleSeed, int taskThreads, OptimizerSettings optimizer, int examplesPerPartition, BlockMomentum filter,
                            boolean resetRuleState) {
        super(sc, blocks, heldout, spec, shuffleSeed, taskThreads);
        this.optimizer = optimizer;
        this.filter = filter;
        this.resetRuleState = resetRuleState;
        this.sliceSize = Math.max(1, examplesPerPartition);
        long largest = Arrays.stream(blockSizes).max().orElse(0);
        this.rounds = (int) Math.max(1, (largest + sliceSize - 1) / sliceSize);
    }

    /** Each partition's share of a round of {@code examplesPerRound} examples. */
    public static int slice(int examplesPerRound, int partitions) {
        return Math.max(1, (int) Math.ceil((double) examplesPerRound / partitions));
    }

    @Override
    public BlockMomentum blockFilter() {
        return filter;
    }

    @Override
    public TrainedEpoch trainEpoch(Parameters parameters, StepRates rates, int epoch) {
        Parameters current = parameters;
        long done = 0;
        LossTotals losses = new LossTotals();
        for (int round = 0; round < rounds; round++) {
            // A partition's j-th example of the round stands for the epoch's example done + j * partitions.
            ParameterSum result = round(start(current), rates.share(done, partitions()), epoch, round);
            long update = System.nanoTime();
            ParameterVector average = result.average();
            if (average != null) current = filter.update(current, average.toParameters());
            recordRound(result, System.nanoTime() - update);
            done += result.examples();
            losses.merge(result.losses());
            progress.accept(done);
        }
        return new TrainedEpoch(current, losses);
    }

    /** What a round broadcasts: the filter's start point, with zero rule state when it is reset. */
    private Parameters start(Parameters current) {
        Parameters start = filter.startOfRound(current);
        return resetRuleState ? OptimizerState.attach(OptimizerState.weights(start), UpdateRule.of(optimizer)) : start;
    }

    private ParameterSum round(Parameters parameters, StepRates lr, int epoch, int round) {
        ModelSpec<E> model = spec;
        int from = round * sliceSize;
        int count = sliceSize;
        OptimizerSettings rule = optimizer;
        return aggregate(parameters, epoch, round, rounds, (acc, partition, order, start) -> train(acc, model, rule, order, from, count, start, lr));
    }

    private static <E> ParameterSum train(ParameterSum acc, ModelSpec<E> spec, OptimizerSettings rule, List<E> order, int from, int count,
                                          ParameterVector start, StepRates lr) {
        int to = Math.min(order.size(), from + count);
        if (from >= to) return acc;
        Parameters p = start.toParameters();
        LossTotals seen = new ExampleTraining<>(spec, ExecutorModels.math(spec), rule).run(order.subList(from, to).iterator(), to - from, p, lr);
        return acc.add(p.toVector(), to - from, to - from, seen);
    }
}
