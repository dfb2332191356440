package org.sparkrnnlm.core.tensor;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Rows of the product {@code left^T right} (left T x R, right T x K, both row-major with contiguous
 * rows), a block at a time, so that a rule can update each block while it is in the cache. OpenBLAS
 * is called directly: ND4J's gemm costs about 25 us a call and copies strided views, and a block
 * update makes dozens of calls per sentence.
 */
public final class ProductRows {
    private ProductRows() {
    }

    /** {@code out[0:count, :] = left[:, from:from+count]^T right}; out is a row-major count x K (or larger) buffer. */
    public static void into(INDArray left, INDArray right, int from, int count, INDArray out) {
        int steps = Math.toIntExact(left.size(0));
        int width = Math.toIntExact(right.size(1));
        int leftStride = Math.toIntExact(left.stride(0));
        int rightStride = Math.toIntExact(right.stride(0));
        if (left.size(0) != right.size(0) || left.stride(1) != 1 || right.stride(1) != 1) {
            throw new IllegalArgumentException("left and right need the same rows, each contiguous");
        }
        // Zeroing the block and adding into it (beta 1) measured 20% faster than OpenBLAS's beta-0 path.
        long elements = (long) count * width;
        if (out.dataType() == DataType.FLOAT) {
            FloatPointer target = floats(out, 0);
            Pointer.memset(target, 0, 4 * elements);
            openblas_nolapack.cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, count, width, steps, 1f,
                    floats(left, from), leftStride, floats(right, 0), rightStride, 1f, target, width);
        } else {
            DoublePointer target = doubles(out, 0);
            Pointer.memset(target, 0, 8 * elements);
            openblas_nolapack.cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, count, width, steps, 1.0,
                    doubles(left, from), leftStride, doubles(right, 0), rightStride, 1.0, target, width);
        }
    }

    /** Element {@code at} of the array, counted from its first element (a view's buffer already starts at its own offset). */
    private static FloatPointer floats(INDArray a, long at) {
        if (a.dataType() != DataType.FLOAT) throw new IllegalArgumentException("mixed float and double arrays");
        return new FloatPointer(a.data().addressPointer()).position(a.offset() - a.data().offset() + at);
    }

    private static DoublePointer doubles(INDArray a, long at) {
        if (a.dataType() != DataType.DOUBLE) throw new IllegalArgumentException("mixed float and double arrays");
        return new DoublePointer(a.data().addressPointer()).position(a.offset() - a.data().offset() + at);
    }
}
