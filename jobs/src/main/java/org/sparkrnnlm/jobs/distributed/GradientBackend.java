package org.sparkrnnlm.jobs.distributed;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.sparkrnnlm.core.optim.OptimizerSettings;
import org.sparkrnnlm.core.optim.OptimizerState;
import org.sparkrnnlm.core.optim.SparseRuns;
import org.sparkrnnlm.core.tensor.ParameterVector;
import org.sparkrnnlm.core.tensor.Parameters;
import org.sparkrnnlm.core.train.LossTotals;
import org.sparkrnnlm.core.train.MinibatchSgd;
import org.sparkrnnlm.core.train.MinibatchTraining;
import org.sparkrnnlm.core.train.ModelSpec;
import org.sparkrnnlm.core.train.TrainedEpoch;

/**
 * {@code --mode gradient}: minibatch b is examples [b B, (b+1) B) of the epoch's order (the last
 * may be shorter). Each round every partition sums the per-example gradients of its share of the
 * minibatch at the broadcast parameters, treeAggregate adds the partitions' sums, and the driver
 * applies {@code theta -= lr * sum / n}. The minibatches do not depend on the partitioning.
 * A partition's share is one batched computation, and its gradient travels packed: of U only
 * the columns its sentences read.
 */
public final class GradientBackend<E> extends DistributedBackend<E> {
    private final int batchSize;
    private final MinibatchTraining minibatch;
    /** First global index of each partition's block. */
    private final long[] blockStarts;

    public GradientBackend(JavaSparkContext sc, JavaRDD<List<E>> blocks, JavaRDD<List<E>> heldout, ModelSpec<E> spec,
                           int batchSize, Long shuffleSeed, int taskThreads) {
        this(sc, blocks, heldout, spec, batchSize, shuffleSeed, taskThreads, OptimizerSettings.SGD);
    }

    /** The driver applies the rule to each minibatch's summed gradient; executors see only the weights. */
    public GradientBackend(JavaSparkContext sc, JavaRDD<List<E>> blocks, JavaRDD<List<E>> heldout, ModelSpec<E> spec,
                           int batchSize, Long shuffleSeed, int taskThreads, OptimizerSettings optimizer) {
        super(sc, blocks, heldout, spec, shuffleSeed, taskThreads);
        this.minibatch = new MinibatchTraining(optimizer);
        this.batchSize = batchSize;
        this.blockStarts = new long[blockSizes.length];
        for (int p = 1; p < blockSizes.length; p++) blockStarts[p] = blockStarts[p - 1] + blockSizes[p - 1];
    }

    @Override
    public TrainedEpoch trainEpoch(Parameters parameters, double learningRate, int epoch) {
        Parameters current = parameters;
        long total = examplesPerEpoch();
        LossTotals losses = new LossTotals();
        for (long from = 0; from < total; from += batchSize) {
            long to = Math.min(total, from + batchSize);
            ParameterSum gradient = round(OptimizerState.weights(current), epoch, (int) (from / batchSize), from, to);
            long update = System.nanoTime();
            current = minibatch.step(current, gradient.total().toParameters(), learningRate, to - from);
            recordRound(gradient, System.nanoTime() - update);
            losses.merge(gradient.losses());
            progress.accept(to);
        }
        return new TrainedEpoch(current, losses);
    }

    private ParameterSum round(Parameters parameters, int epoch, int round, long from, long to) {
        ModelSpec<E> model = spec;
        long[] starts = blockStarts;
        return aggregate(parameters, epoch, round, (acc, partition, order, at) -> sum(acc, model, order,
                (int) Math.max(0, from - starts[partition]), (int) Math.min(order.size(), to - starts[partition]), at));
    }

    private static <E> ParameterSum sum(ParameterSum acc, ModelSpec<E> spec, List<E> order, int from, int to, ParameterVector at) {
        if (from >= to) return acc;
        Parameters p = at.toParameters();
        Parameters gradient = p.zerosLike();
        List<E> share = order.subList(from, to);
        LossTotals seen = MinibatchSgd.accumulate(spec, ExecutorModels.math(spec), share, p, gradient);
        return acc.add(message(spec, share, gradient), 1.0, to - from, seen);
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
