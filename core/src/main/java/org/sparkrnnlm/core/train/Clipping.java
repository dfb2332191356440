package org.sparkrnnlm.core.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparkrnnlm.core.optim.Elements;
import org.sparkrnnlm.core.optim.SparseRuns;
import org.sparkrnnlm.core.tensor.Parameters;

/** Gradient-norm clipping: the factor that brings a gradient's L2 norm down to a limit. */
public final class Clipping {
    private Clipping() {
    }

    /** 1 when the norm is within {@code limit} (or the limit is 0, off), else limit / norm. */
    public static double scale(Parameters gradient, SparseRuns sparse, double limit) {
        if (limit == 0) return 1.0;
        double norm = Math.sqrt(squaredNorm(gradient, sparse));
        return norm > limit ? limit / norm : 1.0;
    }

    static double squaredNorm(Parameters gradient, SparseRuns sparse) {
        double sum = 0;
        for (String name : gradient.names()) {
            INDArray g = gradient.get(name);
            if (sparse != null && sparse.array().equals(name)) {
                Elements e = Elements.of(g);
                int w = sparse.width();
                for (int index : sparse.indices()) {
                    for (int i = index * w; i < index * w + w; i++) sum += e.get(i) * e.get(i);
                }
            } else {
                double n = g.norm2Number().doubleValue();
                sum += n * n;
            }
        }
        return sum;
    }
}
