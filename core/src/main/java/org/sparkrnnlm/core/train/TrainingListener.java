package org.sparkrnnlm.core.train;

import org.sparkrnnlm.core.tensor.Parameters;

/** What the training loop reports: evaluations, and the end of each epoch (for checkpoints). */
public interface TrainingListener {
    /**
     * An evaluation before {@code epoch} trains (or after the last epoch, with epoch = epochs):
     * {@code loss} the mean over examples of their loss per target (what anneals), and
     * {@code perTargetLoss} the total over all targets (the language model's perplexity is its exp).
     */
    default void evaluated(int epoch, long examplesSeen, double loss, double perTargetLoss, double learningRate, boolean halved) {
    }

    /** An epoch trained; {@code losses} are its examples' losses just before each trained. */
    default void epochDone(int epoch, long examplesSeen, Parameters parameters, double learningRate, LossTotals losses) {
    }

    /** The divergence guard went back to the state before {@code epoch}, now with this learning rate. */
    default void rolledBack(int epoch, String why, double learningRate) {
    }
}
