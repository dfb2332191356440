package org.sparkrnnlm.core.train;

import java.util.Iterator;
import org.sparkrnnlm.core.lm.LanguageModelGradient;
import org.sparkrnnlm.core.lm.LossTotals;
import org.sparkrnnlm.core.lm.RnnLanguageModel;
import org.sparkrnnlm.core.tensor.Parameters;

/** The update rule: one SGD step per sentence, {@code theta -= lr * grad}, in input order. */
public final class SentenceSgd {
    private final LanguageModelGradient math;

    public SentenceSgd(RnnLanguageModel model) {
        this(new LanguageModelGradient(model));
    }

    /** Shares an engine (and its buffers) that the caller keeps, e.g. one per executor thread. */
    public SentenceSgd(LanguageModelGradient math) {
        this.math = math;
    }

    /** Updates {@code parameters} in place over at most {@code limit} sentences; returns their pre-step losses. */
    public LossTotals run(Iterator<int[]> sentences, long limit, Parameters parameters, double learningRate) {
        LossTotals seen = new LossTotals();
        for (long n = 0; n < limit && sentences.hasNext(); n++) {
            int[] ids = sentences.next();
            seen.add(math.accumulate(ids, parameters, parameters, -learningRate), ids.length - 1);
        }
        return seen;
    }
}
