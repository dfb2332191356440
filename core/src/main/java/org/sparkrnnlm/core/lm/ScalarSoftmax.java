package org.sparkrnnlm.core.lm;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparkrnnlm.core.tensor.NdBuffers;

/** Softmax and cross-entropy in double precision, one element at a time: float64 models, or no Vector API. */
final class ScalarSoftmax implements SoftmaxCrossEntropy {
    private final int classes;
    private double[] rows = new double[0];

    ScalarSoftmax(int classes) {
        this.classes = classes;
    }

    @Override
    public double apply(INDArray logits, int steps, int[] targets, int offset, boolean gradient) {
        int n = steps * classes;
        if (rows.length < n) rows = new double[Math.max(n, 2 * rows.length)];
        NdBuffers.read(logits, 0, rows, 0, n);
        double loss = 0;
        for (int t = 0; t < steps; t++) {
            int base = t * classes;
            int y = targets[offset + t];
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) max = Math.max(max, rows[base + c]);
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                double e = Math.exp(rows[base + c] - max);
                rows[base + c] = e;
                sum += e;
            }
            // -log(e_y / sum), taken before normalising so that a tiny probability cannot round to 0.
            loss += Math.log(sum) - Math.log(rows[base + y]);
            if (gradient) {
                double inv = 1.0 / sum;
                for (int c = 0; c < classes; c++) rows[base + c] *= inv;
                rows[base + y] -= 1.0;
            }
        }
        if (gradient) NdBuffers.write(logits, 0, rows, 0, n);
        return loss;
    }
}
