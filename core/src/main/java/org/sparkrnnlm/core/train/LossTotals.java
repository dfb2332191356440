package org.sparkrnnlm.core.train;

import java.io.Serializable;

/**
 * Running sums for the loss figures, with {@code add} per example and {@code merge} across
 * partitions: {@code loss} is the mean over examples of their loss per target (for sentences the
 * tutorial's calculate_total_loss), {@code perTokenLoss} the total loss over all targets (for
 * sequences with one output each, the mean squared error).
 */
public final class LossTotals implements Serializable {
    private static final long serialVersionUID = 1L;
    private long sentences;
    private long tokens;
    private double sumOfSentenceLosses;
    private double sumOfNegativeLogs;

    /** One sentence: its summed -log and its number of targets. */
    public LossTotals add(double negativeLogSum, int targets) {
        if (targets <= 0) return this;
        sentences++;
        tokens += targets;
        sumOfSentenceLosses += negativeLogSum / targets;
        sumOfNegativeLogs += negativeLogSum;
        return this;
    }

    public LossTotals merge(LossTotals other) {
        sentences += other.sentences;
        tokens += other.tokens;
        sumOfSentenceLosses += other.sumOfSentenceLosses;
        sumOfNegativeLogs += other.sumOfNegativeLogs;
        return this;
    }

    public long sentences() {
        return sentences;
    }

    public long tokens() {
        return tokens;
    }

    public double loss() {
        return sentences == 0 ? Double.NaN : sumOfSentenceLosses / sentences;
    }

    public double perTokenLoss() {
        return tokens == 0 ? Double.NaN : sumOfNegativeLogs / tokens;
    }

    public double perplexity() {
        return Math.exp(perTokenLoss());
    }
}
