package org.sparkrnnlm.core.train;

import java.io.Serializable;

/**
 * What it takes to build a model's per-example math anywhere: its sizes and settings, as a small
 * serializable value (a record, so that equal specs can share an executor's cached engine).
 */
public interface ModelSpec<E> extends Serializable {

    /** A fresh engine with its own buffers. */
    ExampleGradient<E> newGradient();

    /** The loss terms of one example: the words a sentence predicts, or a sequence's output steps. */
    int targets(E example);
}
