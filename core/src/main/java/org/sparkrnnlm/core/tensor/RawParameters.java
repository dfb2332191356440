package org.sparkrnnlm.core.tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Parameters as raw little-endian values, array after array in storage order: one bulk copy out of
 * the off-heap arrays and one back in, where a {@link ParameterVector} through Kryo costs a heap
 * copy and a serializer pass on each side (about 5 ms a round for 1.6 M floats in gradient mode).
 * The receiver must already hold arrays of the same layout.
 */
public final class RawParameters {
    private RawParameters() {
    }

    public static ByteBuffer encode(Parameters p) {
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(p.size() * p.dtype().bytes())).order(ByteOrder.LITTLE_ENDIAN);
        int at = 0;
        for (String name : p.names()) {
            INDArray a = p.get(name);
            int n = Math.toIntExact(a.length());
            int base = Math.toIntExact(a.offset());
            if (a.dataType() == DataType.FLOAT) out.asFloatBuffer().put(at, NioViews.floats(a.data()), base, n);
            else out.asDoubleBuffer().put(at, NioViews.doubles(a.data()), base, n);
            at += n;
        }
        return out;
    }

    /** Overwrites {@code target}'s values with those {@link #encode} wrote of parameters of its layout. */
    public static void decode(ByteBuffer bytes, Parameters target) {
        ByteBuffer in = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (in.remaining() != target.size() * target.dtype().bytes()) {
            throw new IllegalArgumentException(in.remaining() + " bytes do not hold " + target.size() + " parameters");
        }
        int at = 0;
        for (String name : target.names()) {
            INDArray a = target.get(name);
            int n = Math.toIntExact(a.length());
            int base = Math.toIntExact(a.offset());
            if (a.dataType() == DataType.FLOAT) NioViews.floats(a.data()).put(base, in.asFloatBuffer(), at, n);
            else NioViews.doubles(a.data()).put(base, in.asDoubleBuffer(), at, n);
            at += n;
        }
    }
}
