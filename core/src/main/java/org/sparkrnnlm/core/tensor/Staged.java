package org.sparkrnnlm.core.tensor;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Element-wise loops over off-heap arrays through small heap chunks: bulk copies in and out, and a
 * plain loop between them that the JIT vectorizes (element-wise access to a direct buffer does not).
 */
final class Staged {
    private static final int CHUNK = 8192;
    private static final ThreadLocal<float[][]> FLOATS = ThreadLocal.withInitial(() -> new float[][] {new float[CHUNK], new float[CHUNK]});
    private static final ThreadLocal<double[][]> DOUBLES = ThreadLocal.withInitial(() -> new double[][] {new double[CHUNK], new double[CHUNK]});

    private Staged() {
    }

    /** Storage elements {@code [from, from + count)} of {@code a} += {@code src[at, at + count)}. */
    static void add(INDArray a, long from, float[] src, int at, int count) {
        float[] stage = FLOATS.get()[0];
        FloatBuffer x = NioViews.floats(a.data());
        int base = Math.toIntExact(from);
        for (int done = 0; done < count; done += CHUNK) {
            int m = Math.min(CHUNK, count - done);
            x.get(base + done, stage, 0, m);
            for (int k = 0; k < m; k++) stage[k] += src[at + done + k];
            x.put(base + done, stage, 0, m);
        }
    }

    static void add(INDArray a, long from, double[] src, int at, int count) {
        double[] stage = DOUBLES.get()[0];
        DoubleBuffer x = NioViews.doubles(a.data());
        int base = Math.toIntExact(from);
        for (int done = 0; done < count; done += CHUNK) {
            int m = Math.min(CHUNK, count - done);
            x.get(base + done, stage, 0, m);
            for (int k = 0; k < m; k++) stage[k] += src[at + done + k];
            x.put(base + done, stage, 0, m);
        }
    }

    /** {@code a = a + b * (dtype) scale} in the arrays' dtype; same shape, order and dtype, not views. */
    static void addScaled(INDArray a, INDArray b, double scale) {
        int n = Math.toIntExact(a.length());
        int ao = Math.toIntExact(a.offset());
        int bo = Math.toIntExact(b.offset());
        if (a.dataType() == DataType.FLOAT) {
            float s = (float) scale;
            float[][] stage = FLOATS.get();
            FloatBuffer x = NioViews.floats(a.data());
            FloatBuffer y = NioViews.floats(b.data());
            for (int at = 0; at < n; at += CHUNK) {
                int m = Math.min(CHUNK, n - at);
                x.get(ao + at, stage[0], 0, m);
                y.get(bo + at, stage[1], 0, m);
                for (int k = 0; k < m; k++) stage[0][k] = stage[0][k] + stage[1][k] * s;
                x.put(ao + at, stage[0], 0, m);
            }
        } else if (a.dataType() == DataType.DOUBLE) {
            double[][] stage = DOUBLES.get();
            DoubleBuffer x = NioViews.doubles(a.data());
            DoubleBuffer y = NioViews.doubles(b.data());
            for (int at = 0; at < n; at += CHUNK) {
                int m = Math.min(CHUNK, n - at);
                x.get(ao + at, stage[0], 0, m);
                y.get(bo + at, stage[1], 0, m);
                for (int k = 0; k < m; k++) stage[0][k] = stage[0][k] + stage[1][k] * scale;
                x.put(ao + at, stage[0], 0, m);
            }
        } else {
            a.addi(b.mul(scale));
        }
    }
}
