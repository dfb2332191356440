package org.sparkrnnlm.core.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparkrnnlm.core.tensor.ProductRows;

/**
 * Gradient arrays that an example leaves as a product {@code left^T right} instead of writing them
 * out: the full softmax's output layer, {@code dV = dO^T S}, a rank-T C x H matrix. A rule then makes
 * the product a block of rows at a time and updates each block while it is in the cache, where
 * writing the gradient out, reading it back and zeroing it moved about 10 MB per sentence at C=8000.
 * The arrays are the model's reused buffers, valid until its next example.
 */
public final class GradientProducts {
    /**
     * Bytes made per block: half of a 1 MB L2 cache, so that the block stays there while the rule reads
     * it. At C=8000, H=100, Adam's step measured 9% faster than with 128 KB blocks (fewer, larger GEMMs).
     */
    private static final int BLOCK_BYTES = 512 * 1024;
    private final Map<String, Product> products = new LinkedHashMap<>(2);

    /** {@code left} is T x R, {@code right} T x K: the gradient is the R x K matrix {@code left^T right}. */
    public record Product(INDArray left, INDArray right) {
        public int rows() {
            return Math.toIntExact(left.size(1));
        }

        public int width() {
            return Math.toIntExact(right.size(1));
        }

        /** Rows per block of about {@link #BLOCK_BYTES}. */
        public int blockRows() {
            return Math.max(1, BLOCK_BYTES / (left.dataType().width() * width()));
        }

        /** Rows {@code [from, from + count)} of the gradient into the row-major buffer {@code out}. */
        public void rowsInto(int from, int count, INDArray out) {
            ProductRows.into(left, right, from, count, out);
        }
    }

    public void put(String name, INDArray left, INDArray right) {
        products.put(name, new Product(left, right));
    }

    /** The product standing for the gradient of {@code name}, or null if that gradient is a plain array. */
    public Product get(String name) {
        return products.get(name);
    }

    public void clear() {
        products.clear();
    }
}
