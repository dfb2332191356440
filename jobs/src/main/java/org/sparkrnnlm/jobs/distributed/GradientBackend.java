package org.sparkrnnlm.jobs.distributed;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.sparkrnnlm.core.optim.OptimizerSettings;
import org.sparkrnnlm.core.optim.OptimizerState;
import org.sparkrnnlm.core.optim.SparseRuns;
import org.sparkrnnlm.core.tensor.ParameterVector;
import org.sparkrnnlm.core.tensor.Parameters;
import org.sparkrnnlm.core.train.StepRates;
import org.sparkrnnlm.core.train.LossTotals;
import org.sparkrnnlm.core.train.MinibatchPlan;
import org.sparkrnnlm.core.train.MinibatchSgd;
import org.sparkrnnlm.core.train.MinibatchTraining;
import org.sparkrnnlm.core.train.ModelSpec;
import org.sparkrnnlm.core.train.TrainedEpoch;

/**
 * {@code --mode gradient}: the minibatches of {@link MinibatchPlan}, each drawing the same share from
 * every partition's block in the epoch's order, so all partitions work in every round. Each round
 * every partition sums the per-example gradients of its share at the round's parameters, the
 * driver adds the partitions' sums in partition order and applies the rule to the batch's mean
 * gradient ({@code theta -= lr * sum / n} for SGD). A partition's share is one batched computation,
 * and its gradient travels packed: of U only the columns its sentences read. The rounds of an epoch
 * go over the driver's round channel in one Spark job ({@link ChannelRounds}) when every partition
 * can hold a task slot, else each is a Spark job with a broadcast ({@link RoundJob}): the same model.
 */
public final class GradientBackend<E> extends DistributedBackend<E> {
    private final MinibatchTraining minibatch;
    private final MinibatchPlan plan;
    private final String channelUnusable;

    public GradientBackend(JavaSparkContext sc, JavaRDD<List<E>> blocks, JavaRDD<List<E>> heldout, ModelSpec<E> spec,
                           int batchSize, Long shuffleSeed, int taskThreads) {
        this(sc, blocks, heldout, spec, batchSize, shuffleSeed, taskThreads, OptimizerSettings.SGD);
    }

    /** The driver applies the rule to each minibatch's summed gradient; executors see only the weights. */
    public GradientBackend(JavaSparkContext sc, JavaRDD<List<E>> blocks, JavaRDD<List<E>> heldout, ModelSpec<E> spec,
                           int batchSize, Long shuffleSeed, int taskThreads, OptimizerSettings optimizer) {
        super(sc, blocks, heldout, spec, shuffleSeed, taskThreads);
        this.minibatch = new MinibatchTraining(optimizer);
        this.plan = MinibatchPlan.of(blockSizes, batchSize);
        this.channelUnusable = ChannelRounds.unusable(sc, blocks.getNumPartitions(), RoundJob.directMergeMaxPartitions(sc.getConf()));
    }

    @Override
    public TrainedEpoch trainEpoch(Parameters parameters, StepRates rates, int epoch) {
        Epoch state = new Epoch(parameters, rates, epoch);
        int first = 0;
        if (channelUnusable == null) {
            label(epoch, "rounds 1-" + plan.batches() + " in one job");
            first = new ChannelRounds<>(sc, blocks, spec, plan, shuffleSeed, taskThreads, faults).run(epoch, state);
        }
        for (int b = first; b < plan.batches(); b++) {
            if (plan.examples(b) == 0) continue;
            ParameterSum[] parts = round(OptimizerState.weights(state.current), epoch, b);
            state.apply(b, parts, lastBroadcastNanos, lastJobNanos);
        }
        return new TrainedEpoch(state.current, state.losses);
    }

    /** Why rounds run as one Spark job each (see {@link ChannelRounds}), or null when they share one job per epoch. */
    public String channelUnusable() {
        return channelUnusable;
    }

    @Override
    public String roundsNote() {
        return channelUnusable == null ? "minibatches over the driver's round channel, one Spark job per epoch"
                : "minibatches as one Spark job each (" + channelUnusable + ")";
    }

    /** The driver's side of an epoch: the parameters, the rule applied to each round's sum, losses and progress. */
    private final class Epoch implements ChannelRounds.Driver {
        private final int epoch;
        private Parameters current;
        private final StepRates rates;
        private final LossTotals losses = new LossTotals();
        private long done;
        /** The batch's summed gradient, reused from round to round. */
        private Parameters gradient;

        Epoch(Parameters parameters, StepRates rates, int epoch) {
            this.current = parameters;
            this.rates = rates;
            this.epoch = epoch;
        }

        @Override
        public void fellBack(int batch, String why) {
            notes.accept("epoch " + (epoch + 1) + ": the round channel gave up at round " + (batch + 1) + " (" + why
                    + "); the epoch's other rounds run as one Spark job each");
        }

        @Override
        public Parameters weights() {
            return OptimizerState.weights(current);
        }

        /** Adds the partitions' sums in partition order (in the model's dtype) and applies the rule to the total. */
        @Override
        public void apply(int batch, ParameterSum[] parts, long sendNanos, long waitNanos) {
            long examples = plan.examples(batch);
            long update = System.nanoTime();
            if (gradient == null) gradient = OptimizerState.weights(current).zerosLike();
            else for (String name : gradient.names()) gradient.get(name).assign(0);
            long compute = 0;
            for (ParameterSum part : parts) {
                part.addTo(gradient);
                losses.merge(part.losses());
                compute += part.computeNanos();
            }
            current = minibatch.step(current, gradient, rates.at(done), examples);
            times.add(sendNanos, waitNanos, compute, System.nanoTime() - update);
            done += examples;
            progress.accept(done);
        }
    }

    private ParameterSum[] round(Parameters parameters, int epoch, int batch) {
        ModelSpec<E> model = spec;
        int[] from = new int[blockSizes.length];
        int[] to = new int[blockSizes.length];
        for (int p = 0; p < from.length; p++) {
            from[p] = plan.from(p, batch);
            to[p] = plan.from(p, batch + 1);
        }
        return parts(parameters, epoch, batch, plan.batches(), (acc, partition, order, at) -> share(acc, model, order, from[partition], to[partition], at));
    }

    /** Adds the summed gradient of {@code order[from, to)} at {@code at} to {@code acc}, packed. */
    static <E> ParameterSum share(ParameterSum acc, ModelSpec<E> spec, List<E> order, int from, int to, ParameterVector at) {
        if (from >= to) return acc;
        Parameters p = at.toParameters();
        return share(acc, spec, order.subList(from, to), p, p.zerosLike());
    }

    /** The same at {@code weights}, summing into {@code gradient}, which must be zero: buffers a task reuses. */
    static <E> ParameterSum share(ParameterSum acc, ModelSpec<E> spec, List<E> share, Parameters weights, Parameters gradient) {
        LossTotals seen = MinibatchSgd.accumulate(spec, ExecutorModels.math(spec), share, weights, gradient);
        return acc.add(message(spec, share, gradient), 1.0, share.size(), seen);
    }

    /** The gradient as sent to the driver: a sparse array only in the runs the share touched. */
    private static <E> ParameterVector message(ModelSpec<E> spec, List<E> share, Parameters gradient) {
        SparseRuns first = spec.sparseRuns(share.get(0));
        if (first == null) return gradient.toVector();
        java.util.TreeSet<Integer> used = new java.util.TreeSet<>();
        for (E example : share) for (int i : spec.sparseRuns(example).indices()) used.add(i);
        return ParameterVector.packed(gradient, first.array(), first.width(), used.stream().mapToInt(Integer::intValue).toArray());
    }
}
