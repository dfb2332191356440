package org.sparkrnnlm.core.train;

import java.io.Serializable;
import org.sparkrnnlm.core.optim.SparseRuns;

/**
 * What it takes to build a model's per-example math anywhere: its sizes and settings, as a small
 * serializable value (a record, so that equal specs can share an executor's cached engine).
 */
public interface ModelSpec<E> extends Serializable {

    /** A fresh engine with its own buffers. */
    ExampleGradient<E> newGradient();

    /** The loss terms of one example: the words a sentence predicts, or a sequence's output steps. */
    int targets(E example);

    /** Where the example's gradient is sparse, or null when every array's gradient is dense. */
    default SparseRuns sparseRuns(E example) {
        return null;
    }
}
