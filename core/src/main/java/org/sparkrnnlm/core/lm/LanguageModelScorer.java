package org.sparkrnnlm.core.lm;

import org.sparkrnnlm.core.tensor.Parameters;

/** Loss of a model over sentences, forward passes only. */
public final class LanguageModelScorer {
    private final LanguageModelGradient math;

    public LanguageModelScorer(RnnLanguageModel model) {
        this.math = new LanguageModelGradient(model);
    }

    public LossTotals score(Iterable<int[]> sentences, Parameters parameters) {
        LossTotals totals = new LossTotals();
        for (int[] ids : sentences) totals.add(math.loss(ids, parameters), ids.length - 1);
        return totals;
    }
}
