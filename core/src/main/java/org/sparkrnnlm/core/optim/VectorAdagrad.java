package org.sparkrnnlm.core.optim;

import java.nio.ByteBuffer;
import jdk.incubator.vector.FloatVector;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Adagrad's float step in SIMD lanes straight on the off-heap buffers, as {@link VectorAdam} does Adam's. */
final class VectorAdagrad {
    private VectorAdagrad() {
    }

    /**
     * Updates whole lanes from {@code offset} on (gradient element i at {@code gradient[i]}) with
     * {@link AdagradRule#updateFloats}'s operations; returns how many it did.
     */
    static int update(INDArray theta, float[] gradient, INDArray sum, int offset, int length, float lr, float epsilon, float scale) {
        int done = FloatLanes.SPECIES.loopBound(length);
        ByteBuffer t = FloatLanes.run(theta, offset, done);
        ByteBuffer s = FloatLanes.run(sum, offset, done);
        for (int i = 0; i < done; i += FloatLanes.LANES) {
            int at = 4 * i;
            FloatVector gi = FloatVector.fromArray(FloatLanes.SPECIES, gradient, i).mul(scale);
            FloatVector si = FloatLanes.load(s, at).add(gi.mul(gi));
            FloatLanes.store(si, s, at);
            FloatLanes.store(FloatLanes.load(t, at).sub(gi.mul(lr).div(si.sqrt().add(epsilon))), t, at);
        }
        return done;
    }
}
