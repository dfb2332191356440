package org.sparkrnnlm.core.train;

import java.util.List;
import org.sparkrnnlm.core.lm.LanguageModelGradient;
import org.sparkrnnlm.core.lm.LossTotals;
import org.sparkrnnlm.core.tensor.Parameters;

/** The update rule of gradient mode: {@code theta -= lr * (sum of the batch's sentence gradients) / n}. */
public final class MinibatchSgd {
    private MinibatchSgd() {
    }

    /** Adds the gradients of {@code batch} at {@code parameters} into {@code gradient}; returns their losses. */
    public static LossTotals accumulate(LanguageModelGradient math, List<int[]> batch, Parameters parameters, Parameters gradient) {
        LossTotals seen = new LossTotals();
        for (int[] ids : batch) seen.add(math.accumulate(ids, parameters, gradient, 1.0), ids.length - 1);
        return seen;
    }

    /** Applies one minibatch step in place and returns the parameters. */
    public static Parameters step(Parameters parameters, Parameters gradientSum, double learningRate, long batchSentences) {
        parameters.addScaled(gradientSum, -learningRate / batchSentences);
        return parameters;
    }

    /** Single-machine minibatch SGD over one epoch, consecutive batches in the given order. */
    public static void epoch(LanguageModelGradient math, List<int[]> sentences, int batchSize, Parameters parameters, double lr) {
        for (int from = 0; from < sentences.size(); from += batchSize) {
            List<int[]> batch = sentences.subList(from, Math.min(sentences.size(), from + batchSize));
            Parameters gradient = parameters.zerosLike();
            accumulate(math, batch, parameters, gradient);
            step(parameters, gradient, lr, batch.size());
        }
    }
}
