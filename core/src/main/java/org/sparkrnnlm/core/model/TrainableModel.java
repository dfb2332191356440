package org.sparkrnnlm.core.model;

import java.io.IOException;
import org.sparkrnnlm.core.store.FileStore;
import org.sparkrnnlm.core.tensor.Parameters;
import org.sparkrnnlm.core.train.ModelSpec;

/**
 * A model as a training job handles it, whatever its kind: the math that trains it, its
 * parameters, and its model directory (written for checkpoints and the result, read to resume).
 */
public interface TrainableModel<E, I extends ModelInfo> {

    ModelSpec<E> spec();

    Parameters parameters();

    TrainableModel<E, I> withParameters(Parameters parameters);

    /** model.json for this model at this point of training. */
    I describe(ModelInfo.Progress progress);

    void save(FileStore store, String dir, I info) throws IOException;

    /**
     * Reads a model directory written by {@link #save} for a model like this one; fails when it
     * does not fit the data this model trains on (another vocabulary, other sizes).
     */
    Saved<E, I> loadLike(FileStore store, String dir) throws IOException;

    /** For log lines: "vocabulary 8,000, hidden 100". */
    String summary();

    /** A model read back with its model.json. */
    record Saved<E, I extends ModelInfo>(TrainableModel<E, I> model, I info) {
    }
}
