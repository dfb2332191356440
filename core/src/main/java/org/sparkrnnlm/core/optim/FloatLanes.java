package org.sparkrnnlm.core.optim;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparkrnnlm.core.tensor.NdBuffers;

/** A float array's elements from {@code offset} on, loaded and stored a SIMD lane group at a time straight in its off-heap buffer. */
final class FloatLanes {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    private final ByteBuffer bytes;
    private final int at;

    FloatLanes(INDArray array, int offset) {
        this.bytes = NdBuffers.bytes(array);
        this.at = Math.toIntExact(4 * (array.offset() + offset));
    }

    /** Elements {@code [i, i + SPECIES.length())} of the run. */
    FloatVector load(int i) {
        return FloatVector.fromByteBuffer(SPECIES, bytes, at + 4 * i, ORDER);
    }

    void store(FloatVector lanes, int i) {
        lanes.intoByteBuffer(bytes, at + 4 * i, ORDER);
    }
}
