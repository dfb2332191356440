package org.sparkrnnlm.core.lm;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sparkrnnlm.core.tensor.Dtype;
import org.sparkrnnlm.core.tensor.NdBuffers;
import org.sparkrnnlm.core.tensor.Parameters;

/**
 * The output bias b of a full-softmax model: added to every row of the logits {@code O = S V^T},
 * and {@code db = sum_t dO_t} (one GEMM with a row of ones) into a target with a scale.
 * Holds a reused row of ones: one instance per thread.
 */
final class OutputBias {
    private final Dtype dtype;
    private INDArray ones;

    OutputBias(Dtype dtype) {
        this.dtype = dtype;
    }

    /** Row t of {@code logits} (T x C) += b. */
    void addTo(INDArray logits, Parameters parameters) {
        logits.addiRowVector(parameters.get(RnnLanguageModel.B));
    }

    /** {@code b += scale * sum over rows of dO} in target, dO being T x C. */
    void accumulate(INDArray dO, Parameters target, double scale) {
        int rows = (int) dO.size(0);
        if (ones == null || ones.size(0) < rows) ones = Nd4j.ones(dtype.nd4j(), Math.max(64, rows), 1);
        INDArray b = target.get(RnnLanguageModel.B);
        // b as a 1 x C view of its own buffer, so the GEMM adds into it.
        Nd4j.gemm(NdBuffers.firstRows(ones, rows), dO, b.reshape('c', 1, b.length()), true, false, scale, 1.0);
    }
}
