package org.sparkrnnlm.core.optim;

import jdk.incubator.vector.FloatVector;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Adam's float step in SIMD lanes straight on the off-heap buffers: for the full softmax's C x H
 * output layer, copying theta, gradient and both moments through heap arrays cost as much as the
 * arithmetic. Each lane does {@link AdamRule#updateFloats}'s operations in the same order, so both
 * give the same bits (Java never fuses a multiply and an add on its own).
 */
final class VectorAdam {
    private VectorAdam() {
    }

    /** Updates whole lanes from {@code offset} on; returns how many elements it did (the rest is under one lane's width). */
    static int update(INDArray theta, INDArray gradient, INDArray m, INDArray v, int offset, int length, AdamRule.FloatStep c) {
        FloatLanes t = new FloatLanes(theta, offset);
        FloatLanes g = new FloatLanes(gradient, offset);
        FloatLanes mLanes = new FloatLanes(m, offset);
        FloatLanes vLanes = new FloatLanes(v, offset);
        int done = FloatLanes.SPECIES.loopBound(length);
        for (int i = 0; i < done; i += FloatLanes.SPECIES.length()) {
            FloatVector gi = g.load(i).mul(c.scale());
            FloatVector mi = mLanes.load(i).mul(c.beta1()).add(gi.mul(c.keep1()));
            FloatVector vi = vLanes.load(i).mul(c.beta2()).add(gi.mul(c.keep2()).mul(gi));
            mLanes.store(mi, i);
            vLanes.store(vi, i);
            t.store(t.load(i).sub(mi.mul(c.step()).div(vi.sqrt().mul(c.root()).add(c.epsilon()))), i);
        }
        return done;
    }
}
