package org.sparkrnnlm.jobs.spark;

import java.io.Serializable;
import org.sparkrnnlm.core.lm.LossTotals;
import org.sparkrnnlm.core.tensor.ParameterVector;

/**
 * Weighted average of the partitions' parameters after a round, as a treeAggregate aggregator:
 * {@code add} takes one partition's result, {@code merge} combines two partial results. A lone
 * contributor is returned untouched, so one partition reproduces sequential SGD bit for bit; sums
 * of several are kept in double.
 */
public final class ParameterAveraging implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The only contribution so far, kept as it is; null once there are two or more. */
    private ParameterVector only;
    private double[] weightedSum;
    private ParameterVector layout;
    private long sentences;
    private final LossTotals seen = new LossTotals();

    /** One partition's parameters after SGD over {@code count} sentences, and the losses it saw. */
    public ParameterAveraging add(ParameterVector parameters, long count, LossTotals losses) {
        seen.merge(losses);
        if (count == 0) return this;
        if (only == null && weightedSum == null) {
            only = parameters;
        } else {
            sums();
            parameters.addWeightedTo(weightedSum, count);
        }
        sentences += count;
        return this;
    }

    public ParameterAveraging merge(ParameterAveraging other) {
        seen.merge(other.seen);
        if (other.sentences == 0) return this;
        if (sentences == 0) {
            only = other.only;
            weightedSum = other.weightedSum;
            layout = other.layout;
        } else {
            sums();
            if (other.only != null) other.only.addWeightedTo(weightedSum, other.sentences);
            else for (int i = 0; i < weightedSum.length; i++) weightedSum[i] += other.weightedSum[i];
        }
        sentences += other.sentences;
        return this;
    }

    /** Switches from the lone contribution to weighted sums. */
    private void sums() {
        if (weightedSum != null) return;
        weightedSum = new double[only.length()];
        only.addWeightedTo(weightedSum, sentences);
        layout = only.layout();
        only = null;
    }

    public long sentences() {
        return sentences;
    }

    public LossTotals losses() {
        return seen;
    }

    /** The average, or null when no partition trained on anything. */
    public ParameterVector average() {
        if (only != null) return only;
        return weightedSum == null ? null : layout.withValues(weightedSum, sentences);
    }
}
