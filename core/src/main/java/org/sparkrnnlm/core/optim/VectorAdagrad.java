package org.sparkrnnlm.core.optim;

import java.nio.ByteBuffer;
import jdk.incubator.vector.FloatVector;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Adagrad's float step in SIMD lanes straight on the off-heap buffers, as {@link VectorAdam} does Adam's. */
final class VectorAdagrad {
    private VectorAdagrad() {
    }

    /**
     * Updates whole lanes from {@code offset} on (the gradient's from {@code gradientOffset}) with
     * {@link AdagradRule#updateFloats}'s operations; returns how many it did.
     */
    static int update(INDArray theta, INDArray gradient, int gradientOffset, INDArray sum, int offset, int length, float lr, float epsilon,
            float scale) {
        int done = FloatLanes.SPECIES.loopBound(length);
        ByteBuffer t = FloatLanes.run(theta, offset, done);
        ByteBuffer g = FloatLanes.run(gradient, gradientOffset, done);
        ByteBuffer s = FloatLanes.run(sum, offset, done);
        for (int at = 0; at < 4 * done; at += FloatLanes.BYTES) {
            FloatVector gi = FloatLanes.load(g, at).mul(scale);
            FloatVector si = FloatLanes.load(s, at).add(gi.mul(gi));
            FloatLanes.store(si, s, at);
            FloatLanes.store(FloatLanes.load(t, at).sub(gi.mul(lr).div(si.sqrt().add(epsilon))), t, at);
        }
        return done;
    }
}
