package org.sparkrnnlm.core.train;

import java.util.List;
import org.sparkrnnlm.core.optim.OptimizerSettings;
import org.sparkrnnlm.core.optim.OptimizerState;
import org.sparkrnnlm.core.optim.UpdateRule;
import org.sparkrnnlm.core.tensor.Parameters;

/**
 * Minibatch training with any rule: the rule sees the batch's mean gradient, clipped as a whole.
 * Plain SGD keeps {@link MinibatchSgd}'s step bit for bit.
 */
public final class MinibatchTraining {
    private final OptimizerSettings settings;
    private final UpdateRule rule;

    public MinibatchTraining(OptimizerSettings settings) {
        this.settings = settings;
        this.rule = UpdateRule.of(settings);
    }

    /** Applies one step for a batch whose summed gradient is {@code gradientSum}; returns {@code all}. */
    public Parameters step(Parameters all, Parameters gradientSum, double learningRate, long batchExamples) {
        if (settings.isPlainSgd()) return MinibatchSgd.step(all, gradientSum, learningRate, batchExamples);
        double clip = Clipping.scale(gradientSum, null, settings.clipNorm() * batchExamples);
        rule.step(all, gradientSum, null, learningRate, clip / batchExamples);
        return all;
    }

    /** One epoch of consecutive batches in the given order, on one machine (see {@link MinibatchPlan}). */
    public <E> LossTotals epoch(ModelSpec<E> spec, ExampleGradient<E> math, List<E> examples, int batchSize, Parameters all,
                                double learningRate) {
        return epochOverBlocks(spec, math, List.of(examples), batchSize, all, learningRate);
    }

    /** One epoch over blocks with the minibatches gradient mode forms from them, on one machine. */
    public <E> LossTotals epochOverBlocks(ModelSpec<E> spec, ExampleGradient<E> math, List<List<E>> blocks, int batchSize, Parameters all,
                                double learningRate) {
        return epochOverBlocks(spec, math, blocks, batchSize, all, StepRates.constant(learningRate));
    }

    /** As above, each batch at the rate of its first example ({@code rates.at(examples before it)}). */
    public <E> LossTotals epochOverBlocks(ModelSpec<E> spec, ExampleGradient<E> math, List<List<E>> blocks, int batchSize, Parameters all,
                                          StepRates rates) {
        Parameters weights = OptimizerState.weights(all);
        LossTotals losses = new LossTotals();
        long[] sizes = blocks.stream().mapToLong(List::size).toArray();
        MinibatchPlan plan = MinibatchPlan.of(sizes, batchSize);
        long done = 0;
        for (int b = 0; b < plan.batches(); b++) {
            List<E> batch = plan.batch(blocks, b);
            if (batch.isEmpty()) continue;
            Parameters gradient = weights.zerosLike();
            losses.merge(MinibatchSgd.accumulate(spec, math, batch, weights, gradient));
            step(all, gradient, rates.at(done), batch.size());
            done += batch.size();
        }
        return losses;
    }
}
