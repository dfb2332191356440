package org.sparkrnnlm.core.tensor;

import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Moves runs of elements between ND4J's off-heap storage and Java double arrays.
 * The hidden-size math runs in plain Java because an ND4J op costs microseconds of overhead
 * (STACK-NOTES); these copies are how it reaches the parameters without per-element JNI calls.
 * Offsets index the array's backing buffer in its own storage order.
 */
public final class NdBuffers {
    /** Per-thread staging for float runs: bulk copies to and from the off-heap buffer, converted on the heap. */
    private static final ThreadLocal<float[][]> STAGING = ThreadLocal.withInitial(() -> new float[][] {new float[4096]});

    private NdBuffers() {
    }

    private static float[] floats(int length) {
        float[][] holder = STAGING.get();
        if (holder[0].length < length) holder[0] = new float[Math.max(length, 2 * holder[0].length)];
        return holder[0];
    }

    public static void read(INDArray array, long offset, double[] dst, int dstOffset, int length) {
        int base = Math.toIntExact(array.offset() + offset);
        if (array.dataType() == DataType.FLOAT) {
            float[] floats = floats(length);
            NioViews.floats(array.data()).get(base, floats, 0, length);
            for (int i = 0; i < length; i++) dst[dstOffset + i] = floats[i];
        } else {
            DoubleBuffer src = NioViews.doubles(array.data());
            src.get(base, dst, dstOffset, length);
        }
    }

    public static void write(INDArray array, long offset, double[] src, int srcOffset, int length) {
        int base = Math.toIntExact(array.offset() + offset);
        if (array.dataType() == DataType.FLOAT) {
            float[] floats = floats(length);
            for (int i = 0; i < length; i++) floats[i] = (float) src[srcOffset + i];
            NioViews.floats(array.data()).put(base, floats, 0, length);
        } else {
            NioViews.doubles(array.data()).put(base, src, srcOffset, length);
        }
    }

    /** The bytes of an array's whole backing buffer in native order (element i of the array at {@code 4 * (array.offset() + i)} for floats). */
    public static ByteBuffer bytes(INDArray array) {
        return NioViews.bytes(array.data());
    }

    /** Copies a run of a float array's storage into {@code dst}. */
    public static void readFloats(INDArray array, long offset, float[] dst, int dstOffset, int length) {
        NioViews.floats(array.data()).get(Math.toIntExact(array.offset() + offset), dst, dstOffset, length);
    }

    /** Copies {@code src} into a run of a float array's storage. */
    public static void writeFloats(INDArray array, long offset, float[] src, int srcOffset, int length) {
        NioViews.floats(array.data()).put(Math.toIntExact(array.offset() + offset), src, srcOffset, length);
    }

    /**
     * Zeros the whole array: a plain memset where ND4J's {@code assign(0)} costs tens of microseconds a
     * call, which per-sentence training pays for every dense gradient array.
     */
    public static void zeroAll(INDArray array) {
        if (array.isView() || array.length() != array.data().length()) {
            array.assign(0);
            return;
        }
        long bytes = array.length() * array.dataType().width();
        Pointer.memset(array.data().addressPointer(), 0, bytes);
    }

    /** Zeros a run of the array's storage. */
    public static void zero(INDArray array, long offset, int length) {
        int base = Math.toIntExact(array.offset() + offset);
        if (array.dataType() == DataType.FLOAT) {
            float[] zeros = floats(length);
            java.util.Arrays.fill(zeros, 0, length, 0f);
            NioViews.floats(array.data()).put(base, zeros, 0, length);
        } else {
            DoubleBuffer dst = NioViews.doubles(array.data());
            for (int i = 0; i < length; i++) dst.put(base + i, 0.0);
        }
    }

    /** array[offset + i] += scale * src[srcOffset + i], rounded once to the array's type. */
    public static void addScaled(INDArray array, long offset, double[] src, int srcOffset, int length, double scale) {
        int base = Math.toIntExact(array.offset() + offset);
        if (array.dataType() == DataType.FLOAT) {
            FloatBuffer dst = NioViews.floats(array.data());
            float[] floats = floats(length);
            dst.get(base, floats, 0, length);
            for (int i = 0; i < length; i++) floats[i] = (float) (floats[i] + scale * src[srcOffset + i]);
            dst.put(base, floats, 0, length);
        } else {
            DoubleBuffer dst = NioViews.doubles(array.data());
            for (int i = 0; i < length; i++) dst.put(base + i, dst.get(base + i) + scale * src[srcOffset + i]);
        }
    }

    /** The first rows of a row-major buffer: contiguous, so GEMM reads the view directly. */
    public static INDArray firstRows(INDArray buffer, int rows) {
        return rows == buffer.size(0) ? buffer
                : buffer.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, rows), org.nd4j.linalg.indexing.NDArrayIndex.all());
    }

    /** Rows [from, from + count) of a row-major buffer: contiguous, so GEMM and the softmax read the view directly. */
    public static INDArray rows(INDArray buffer, int from, int count) {
        return from == 0 ? firstRows(buffer, count)
                : buffer.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, from + count), org.nd4j.linalg.indexing.NDArrayIndex.all());
    }
}
