package org.sparkrnnlm.core.model;

import org.sparkrnnlm.core.train.ModelSpec;

import java.io.IOException;
import org.sparkrnnlm.core.store.FileStore;
import org.sparkrnnlm.core.tensor.Parameters;

/**
 * A model as a training job handles it, whatever its kind: the math that trains it, its
 * parameters, and its model directory (written for checkpoints and the result, read to resume).
 */
public interface TrainableModel<E> {

    ModelSpec<E> spec();

    Parameters parameters();

    TrainableModel<E> withParameters(Parameters parameters);

    /** model.json for this model at this point of training. */
    ModelInfo describe(ModelInfo.Progress progress);

    void save(FileStore store, String dir, ModelInfo info) throws IOException;

    /**
     * Reads a model directory written by {@link #save} for a model like this one; fails when it
     * does not fit the data this model trains on (another vocabulary, other sizes).
     */
    Saved<E> loadLike(FileStore store, String dir) throws IOException;

    /** For log lines: "vocabulary 8,000, hidden 100". */
    String summary();

    /** A model read back with its model.json. */
    record Saved<E>(TrainableModel<E> model, ModelInfo info) {
    }
}
