package org.sparkrnnlm.core.train;

import org.sparkrnnlm.core.tensor.Parameters;

/**
 * The parameters after an epoch, and the losses its examples had just before each one trained:
 * the training loss of the epoch, known at no extra cost.
 */
public record TrainedEpoch(Parameters parameters, LossTotals losses) {
}
