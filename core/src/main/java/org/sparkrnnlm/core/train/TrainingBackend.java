package org.sparkrnnlm.core.train;

import org.sparkrnnlm.core.tensor.Parameters;

/** Where the work of an epoch runs: in this JVM, or on a Spark cluster. */
public interface TrainingBackend {

    /** The loss used for annealing (training data, or held-out data when given). */
    LossTotals evaluate(Parameters parameters);

    /** One pass over the training data: the parameters after it (possibly the same object) and the examples' losses. */
    TrainedEpoch trainEpoch(Parameters parameters, StepRates rates, int epoch);

    /** Examples in one epoch. */
    long examplesPerEpoch();

    /** Loss terms (targets) in one epoch. */
    long targetsPerEpoch();
}
