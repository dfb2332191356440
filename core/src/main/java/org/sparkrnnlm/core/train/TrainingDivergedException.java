package org.sparkrnnlm.core.train;

/** Training kept diverging after every allowed rollback. */
public final class TrainingDivergedException extends RuntimeException {
    public TrainingDivergedException(String message) {
        super(message);
    }
}
