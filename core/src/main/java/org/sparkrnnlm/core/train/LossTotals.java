package org.sparkrnnlm.core.train;

import java.io.Serializable;

/**
 * Running sums for the loss figures, with {@code add} per example and {@code merge} across
 * partitions: {@code loss} is the mean over examples of their loss per target (for sentences the
 * tutorial's calculate_total_loss), {@code perTargetLoss} the total loss over all targets (for
 * sequences with one output each, the mean squared error).
 */
public final class LossTotals implements Serializable {
    private static final long serialVersionUID = 1L;
    private long examples;
    private long targets;
    private double sumOfExampleLosses;
    private double sumOfNegativeLogs;

    /** One example: its summed loss and its number of targets. */
    public LossTotals add(double negativeLogSum, int targets) {
        if (targets <= 0) return this;
        examples++;
        this.targets += targets;
        sumOfExampleLosses += negativeLogSum / targets;
        sumOfNegativeLogs += negativeLogSum;
        return this;
    }

    public LossTotals merge(LossTotals other) {
        examples += other.examples;
        targets += other.targets;
        sumOfExampleLosses += other.sumOfExampleLosses;
        sumOfNegativeLogs += other.sumOfNegativeLogs;
        return this;
    }

    public long examples() {
        return examples;
    }

    public long targets() {
        return targets;
    }

    public double loss() {
        return examples == 0 ? Double.NaN : sumOfExampleLosses / examples;
    }

    public double perTargetLoss() {
        return targets == 0 ? Double.NaN : sumOfNegativeLogs / targets;
    }

}
