package org.sparkrnnlm.core.train;

import org.sparkrnnlm.core.tensor.Parameters;

/** Where the work of an epoch runs: in this JVM, or on a Spark cluster. */
public interface TrainingBackend {

    /** The loss used for annealing (training data, or held-out data when given). */
    LossTotals evaluate(Parameters parameters);

    /** One pass of SGD over the training data; returns the parameters after it (possibly the same object). */
    Parameters trainEpoch(Parameters parameters, double learningRate, int epoch);

    /** Examples (sentences, sequences) in one epoch. */
    long examplesPerEpoch();

    /** Loss terms in one epoch: the tokens sentences predict, or the output steps of sequences. */
    long targetsPerEpoch();
}
