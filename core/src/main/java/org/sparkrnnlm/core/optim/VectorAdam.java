package org.sparkrnnlm.core.optim;

import java.nio.ByteBuffer;
import jdk.incubator.vector.FloatVector;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Adam's float step in SIMD lanes straight on the off-heap buffers of theta and both moments, the
 * gradient from the heap: for the full softmax's C x H output layer, copying theta and both moments
 * through heap arrays cost as much as the arithmetic. Each lane does {@link AdamRule#updateFloats}'s operations in the same order, so both
 * give the same bits (Java never fuses a multiply and an add on its own).
 */
final class VectorAdam {
    private VectorAdam() {
    }

    /**
     * Updates whole lanes from {@code offset} on, gradient element i at {@code gradient[i]}; returns how
     * many elements it did (the rest is under one lane's width).
     */
    static int update(INDArray theta, float[] gradient, INDArray m, INDArray v, int offset, int length, AdamRule.FloatStep c) {
        int done = FloatLanes.SPECIES.loopBound(length);
        ByteBuffer t = FloatLanes.run(theta, offset, done);
        ByteBuffer mRun = FloatLanes.run(m, offset, done);
        ByteBuffer vRun = FloatLanes.run(v, offset, done);
        for (int i = 0; i < done; i += FloatLanes.LANES) {
            int at = 4 * i;
            FloatVector gi = FloatVector.fromArray(FloatLanes.SPECIES, gradient, i).mul(c.scale());
            FloatVector mi = FloatLanes.load(mRun, at).mul(c.beta1()).add(gi.mul(c.keep1()));
            FloatVector vi = FloatLanes.load(vRun, at).mul(c.beta2()).add(gi.mul(c.keep2()).mul(gi));
            FloatLanes.store(mi, mRun, at);
            FloatLanes.store(vi, vRun, at);
            FloatLanes.store(FloatLanes.load(t, at).sub(mi.mul(c.step()).div(vi.sqrt().mul(c.root()).add(c.epsilon()))), t, at);
        }
        return done;
    }
}
