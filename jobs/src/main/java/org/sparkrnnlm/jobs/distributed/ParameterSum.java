package org.sparkrnnlm.jobs.distributed;

import java.io.Serializable;
import org.sparkrnnlm.core.tensor.ParameterVector;
import org.sparkrnnlm.core.train.LossTotals;

/**
 * A weighted sum of parameter vectors from the partitions, as an aggregator ({@link RoundJob}):
 * {@code add} takes one partition's vector, {@code merge} combines two partial sums. Averaging
 * weighs each partition's parameters by its examples; gradient summing weighs each gradient by 1.
 * A lone contributor is returned untouched, so one partition reproduces the sequential algorithm
 * bit for bit; sums of several are kept in double.
 */
public final class ParameterSum implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The only contribution so far, kept as it is; null once there are two or more. */
    private ParameterVector only;
    private double[] weightedSum;
    private ParameterVector layout;
    private double weight;
    private long examples;
    private final LossTotals seen = new LossTotals();
    private long computeNanos;

    /** One partition's vector with its weight, the examples behind it and the losses it saw. */
    public ParameterSum add(ParameterVector vector, double vectorWeight, long count, LossTotals losses) {
        seen.merge(losses);
        if (count == 0) return this;
        if (only == null && weightedSum == null) {
            only = vector;
        } else {
            sums();
            vector.addWeightedTo(weightedSum, vectorWeight);
        }
        weight += vectorWeight;
        examples += count;
        return this;
    }

    /** Adds a task's compute time, reported with the results (see {@link RoundTimes}). */
    ParameterSum timed(long nanos) {
        computeNanos += nanos;
        return this;
    }

    long computeNanos() {
        return computeNanos;
    }

    public ParameterSum merge(ParameterSum other) {
        seen.merge(other.seen);
        computeNanos += other.computeNanos;
        if (other.examples == 0) return this;
        if (examples == 0) {
            only = other.only;
            weightedSum = other.weightedSum;
            layout = other.layout;
        } else {
            sums();
            if (other.only != null) other.only.addWeightedTo(weightedSum, other.weight);
            else for (int i = 0; i < weightedSum.length; i++) weightedSum[i] += other.weightedSum[i];
        }
        weight += other.weight;
        examples += other.examples;
        return this;
    }

    /** Switches from the lone contribution to weighted sums. */
    private void sums() {
        if (weightedSum != null) return;
        weightedSum = new double[only.length()];
        only.addWeightedTo(weightedSum, weight);
        layout = only.layout();
        only = null;
    }

    public long examples() {
        return examples;
    }

    public LossTotals losses() {
        return seen;
    }

    /** Sum of weight times vector over the weights; null when nothing was added. */
    public ParameterVector average() {
        if (only != null) return only;
        return weightedSum == null ? null : layout.withValues(weightedSum, weight);
    }

    /** {@code target += } the weighted sum, in the target's dtype; a lone packed contribution adds only its runs. */
    public void addTo(org.sparkrnnlm.core.tensor.Parameters target) {
        ParameterVector sum = total();
        if (sum != null) sum.addTo(target);
    }

    /** The weighted sum itself; null when nothing was added. */
    public ParameterVector total() {
        if (only != null && weight == 1.0) return only;
        if (only != null) sums();
        return weightedSum == null ? null : layout.withValues(weightedSum, 1.0);
    }
}
