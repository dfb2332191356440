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

    /** One epoch of consecutive batches in the given order, on one machine. */
    public <E> LossTotals epoch(ModelSpec<E> spec, ExampleGradient<E> math, List<E> examples, int batchSize, Parameters all,
                                double learningRate) {
        Parameters weights = OptimizerState.weights(all);
        LossTotals losses = new LossTotals();
        for (int from = 0; from < examples.size(); from += batchSize) {
            List<E> batch = examples.subList(from, Math.min(examples.size(), from + batchSize));
            Parameters gradient = weights.zerosLike();
            losses.merge(MinibatchSgd.accumulate(spec, math, batch, weights, gradient));
            step(all, gradient, learningRate, batch.size());
        }
        return losses;
    }
}
