package org.sparkrnnlm.core.optim;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparkrnnlm.core.tensor.NdBuffers;

/**
 * SIMD lane groups loaded and stored straight in a float array's off-heap buffer. A kernel takes a
 * {@link #run} of each of its arrays and walks them all with one byte index: with a separate base per
 * array the JIT kept the bounds checks of every access, and Adam's step measured about 15% slower.
 */
final class FloatLanes {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    static final int LANES = SPECIES.length();
    /** Bytes per lane group: the stride of the shared index. */
    static final int BYTES = 4 * SPECIES.length();
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private FloatLanes() {
    }

    /** Elements {@code [offset, offset + length)} of the array's storage as bytes in native order, starting at index 0. */
    static ByteBuffer run(INDArray array, int offset, int length) {
        int from = Math.toIntExact(4 * (array.offset() + offset));
        return NdBuffers.bytes(array).slice(from, 4 * length).order(ORDER);
    }

    /** The lane group starting {@code at} bytes into the run. */
    static FloatVector load(ByteBuffer run, int at) {
        return FloatVector.fromByteBuffer(SPECIES, run, at, ORDER);
    }

    static void store(FloatVector lanes, ByteBuffer run, int at) {
        lanes.intoByteBuffer(run, at, ORDER);
    }
}
