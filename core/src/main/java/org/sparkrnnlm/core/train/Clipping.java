package org.sparkrnnlm.core.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sparkrnnlm.core.optim.Elements;
import org.sparkrnnlm.core.optim.GradientProducts;
import org.sparkrnnlm.core.optim.SparseRuns;
import org.sparkrnnlm.core.tensor.Parameters;

/** Gradient-norm clipping: the factor that brings a gradient's L2 norm down to a limit. */
public final class Clipping {
    private Clipping() {
    }

    /** 1 when the norm is within {@code limit} (or the limit is 0, off), else limit / norm. */
    public static double scale(Parameters gradient, SparseRuns sparse, double limit) {
        return scale(gradient, sparse, null, limit);
    }

    /** As above, where {@code products} (may be null) stands for some arrays of {@code gradient}. */
    public static double scale(Parameters gradient, SparseRuns sparse, GradientProducts products, double limit) {
        if (limit == 0) return 1.0;
        double norm = Math.sqrt(squaredNorm(gradient, sparse, products));
        return norm > limit ? limit / norm : 1.0;
    }

    static double squaredNorm(Parameters gradient, SparseRuns sparse, GradientProducts products) {
        double sum = 0;
        for (String name : gradient.names()) {
            GradientProducts.Product product = products == null ? null : products.get(name);
            if (product != null) {
                sum += squaredNorm(product, gradient.get(name));
                continue;
            }
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

    /** The product's squared norm, its rows made a block at a time into a buffer like {@code like}. */
    private static double squaredNorm(GradientProducts.Product product, INDArray like) {
        int rows = product.blockRows();
        INDArray block = Nd4j.create(like.dataType(), rows, product.width());
        double sum = 0;
        for (int from = 0; from < product.rows(); from += rows) {
            int count = Math.min(rows, product.rows() - from);
            product.rowsInto(from, count, block);
            Elements e = Elements.of(block);
            for (int i = 0; i < count * product.width(); i++) sum += e.get(i) * e.get(i);
        }
        return sum;
    }
}
