package org.sparkrnnlm.core.optim;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparkrnnlm.core.tensor.NdBuffers;

/** Adagrad's float step in SIMD lanes straight on the off-heap buffers, as {@link VectorAdam} does Adam's. */
final class VectorAdagrad {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private VectorAdagrad() {
    }

    /** Updates whole lanes from {@code offset} on with {@link AdagradRule#updateFloats}'s operations; returns how many elements it did. */
    static int update(INDArray theta, INDArray gradient, INDArray sum, int offset, int length, float lr, float epsilon, float scale) {
        ByteBuffer t = NdBuffers.bytes(theta);
        ByteBuffer g = NdBuffers.bytes(gradient);
        ByteBuffer s = NdBuffers.bytes(sum);
        int tAt = Math.toIntExact(4 * (theta.offset() + offset));
        int gAt = Math.toIntExact(4 * (gradient.offset() + offset));
        int sAt = Math.toIntExact(4 * (sum.offset() + offset));
        int done = SPECIES.loopBound(length);
        for (int i = 0; i < done; i += SPECIES.length()) {
            int b = 4 * i;
            FloatVector gi = FloatVector.fromByteBuffer(SPECIES, g, gAt + b, ORDER).mul(scale);
            FloatVector si = FloatVector.fromByteBuffer(SPECIES, s, sAt + b, ORDER).add(gi.mul(gi));
            si.intoByteBuffer(s, sAt + b, ORDER);
            FloatVector.fromByteBuffer(SPECIES, t, tAt + b, ORDER)
                    .sub(gi.mul(lr).div(si.sqrt().add(epsilon)))
                    .intoByteBuffer(t, tAt + b, ORDER);
        }
        return done;
    }
}
