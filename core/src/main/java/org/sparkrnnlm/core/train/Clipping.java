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
            SparseRuns.Ranges ranges = sparse == null ? null : sparse.ranges(name);
            if (ranges != null) {
                Elements e = Elements.of(g);
                for (int r = 0; r < ranges.count(); r++) {
                    int from = ranges.offsets()[r];
                    for (int i = from; i < from + ranges.lengths()[r]; i++) sum += e.get(i) * e.get(i);
                }
            } else {
                double n = g.norm2Number().doubleValue();
                sum += n * n;
            }
        }
        return sum;
    }
}
