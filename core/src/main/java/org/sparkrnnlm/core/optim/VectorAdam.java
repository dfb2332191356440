package org.sparkrnnlm.core.optim;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparkrnnlm.core.tensor.NdBuffers;

/**
 * Adam's float step in SIMD lanes straight on the off-heap buffers: for the full softmax's C x H
 * output layer, copying theta, gradient and both moments through heap arrays cost as much as the
 * arithmetic. Each lane does {@link AdamRule#updateFloats}'s operations in the same order, so both
 * give the same bits (Java never fuses a multiply and an add on its own).
 */
final class VectorAdam {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private VectorAdam() {
    }

    /** Updates whole lanes from {@code offset} on; returns how many elements it did (the rest is under one lane's width). */
    static int update(INDArray theta, INDArray gradient, INDArray m, INDArray v, int offset, int length, AdamRule.FloatStep c) {
        ByteBuffer t = NdBuffers.bytes(theta);
        ByteBuffer g = NdBuffers.bytes(gradient);
        ByteBuffer mb = NdBuffers.bytes(m);
        ByteBuffer vb = NdBuffers.bytes(v);
        int tAt = Math.toIntExact(4 * (theta.offset() + offset));
        int gAt = Math.toIntExact(4 * (gradient.offset() + offset));
        int mAt = Math.toIntExact(4 * (m.offset() + offset));
        int vAt = Math.toIntExact(4 * (v.offset() + offset));
        int done = SPECIES.loopBound(length);
        for (int i = 0; i < done; i += SPECIES.length()) {
            int b = 4 * i;
            FloatVector gi = FloatVector.fromByteBuffer(SPECIES, g, gAt + b, ORDER).mul(c.scale());
            FloatVector mi = FloatVector.fromByteBuffer(SPECIES, mb, mAt + b, ORDER).mul(c.beta1()).add(gi.mul(c.keep1()));
            FloatVector vi = FloatVector.fromByteBuffer(SPECIES, vb, vAt + b, ORDER).mul(c.beta2())
                    .add(gi.mul(c.keep2()).mul(gi));
            mi.intoByteBuffer(mb, mAt + b, ORDER);
            vi.intoByteBuffer(vb, vAt + b, ORDER);
            int ti = tAt + b;
            FloatVector.fromByteBuffer(SPECIES, t, ti, ORDER)
                    .sub(mi.mul(c.step()).div(vi.sqrt().mul(c.root()).add(c.epsilon())))
                    .intoByteBuffer(t, ti, ORDER);
        }
        return done;
    }
}
