package org.sparkrnnlm.core.train;

import java.util.List;
import org.sparkrnnlm.core.tensor.Parameters;

/** The update rule of gradient mode: {@code theta -= lr * (sum of the batch's example gradients) / n}. */
public final class MinibatchSgd {
    private MinibatchSgd() {
    }

    /** Adds the gradients of {@code batch} at {@code parameters} into {@code gradient}; returns their losses. */
    public static <E> LossTotals accumulate(ModelSpec<E> spec, ExampleGradient<E> math, List<E> batch, Parameters parameters,
                                            Parameters gradient) {
        LossTotals seen = new LossTotals();
        double[] losses = math.accumulateBatch(batch, parameters, gradient, 1.0);
        for (int i = 0; i < losses.length; i++) seen.add(losses[i], spec.targets(batch.get(i)));
        return seen;
    }

    /** Applies one minibatch step in place and returns the parameters. */
    public static Parameters step(Parameters parameters, Parameters gradientSum, double learningRate, long batchExamples) {
        parameters.addScaled(gradientSum, -learningRate / batchExamples);
        return parameters;
    }
}
