package org.sparkrnnlm.jobs.spark;

import java.io.Serializable;
import org.sparkrnnlm.core.lm.LossTotals;
import org.sparkrnnlm.core.tensor.ParameterVector;

/**
 * Weighted average of the partitions' parameters after a round, as a treeAggregate aggregator:
 * {@code add} takes one partition's result, {@code merge} combines two partial sums. Sums are kept in
 * double: with one partition, n * theta / n returns theta bit for bit even in float32.
 */
public final class ParameterAveraging implements Serializable {
    private static final long serialVersionUID = 1L;
    private double[] weightedSum;
    private long sentences;
    private ParameterVector layout;
    private final LossTotals seen = new LossTotals();

    /** One partition's parameters after SGD over {@code sentences} sentences, and the losses it saw. */
    public ParameterAveraging add(ParameterVector parameters, long count, LossTotals losses) {
        seen.merge(losses);
        if (count == 0) return this;
        if (weightedSum == null) {
            weightedSum = new double[parameters.length()];
            layout = parameters.layout();
        }
        parameters.addWeightedTo(weightedSum, count);
        sentences += count;
        return this;
    }

    public ParameterAveraging merge(ParameterAveraging other) {
        seen.merge(other.seen);
        if (other.weightedSum == null) return this;
        if (weightedSum == null) {
            weightedSum = other.weightedSum;
            layout = other.layout;
        } else {
            for (int i = 0; i < weightedSum.length; i++) weightedSum[i] += other.weightedSum[i];
        }
        sentences += other.sentences;
        return this;
    }

    public long sentences() {
        return sentences;
    }

    public LossTotals losses() {
        return seen;
    }

    /** The average, or null when no partition trained on anything. */
    public ParameterVector average() {
        if (weightedSum == null) return null;
        return layout.withValues(weightedSum, sentences);
    }
}
