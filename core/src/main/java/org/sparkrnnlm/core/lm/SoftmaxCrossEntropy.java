package org.sparkrnnlm.core.lm;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparkrnnlm.core.tensor.VectorSupport;

/**
 * The output layer's per-step work on the logits {@code O = S V^T} (row t is {@code V s_t}):
 * {@code o_t = softmax(V s_t)}, the loss {@code -log o_t[y_t]}, and optionally {@code dO = o_t - onehot(y_t)}
 * written over the logits. It touches C x T values per sentence, so it is the second-hottest
 * loop after the GEMMs.
 */
public interface SoftmaxCrossEntropy {

    /**
     * @param logits rows 0..T-1 of a contiguous row-major [T, C] array
     * @param targets y_t is {@code targets[offset + t]}
     * @param gradient whether to replace the logits by {@code o_t - onehot(y_t)}
     * @return sum over t of {@code -log o_t[y_t]}
     */
    double apply(INDArray logits, int steps, int[] targets, int offset, boolean gradient);

    /** The fastest implementation this JVM offers for the dtype. */
    static SoftmaxCrossEntropy forType(DataType type, int classes) {
        if (type == DataType.FLOAT && VectorSupport.available()) return new VectorSoftmax(classes);
        return new ScalarSoftmax(classes);
    }
}
