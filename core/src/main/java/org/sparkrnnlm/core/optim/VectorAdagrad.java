package org.sparkrnnlm.core.optim;

import jdk.incubator.vector.FloatVector;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Adagrad's float step in SIMD lanes straight on the off-heap buffers, as {@link VectorAdam} does Adam's. */
final class VectorAdagrad {
    private VectorAdagrad() {
    }

    /** Updates whole lanes from {@code offset} on with {@link AdagradRule#updateFloats}'s operations; returns how many elements it did. */
    static int update(INDArray theta, INDArray gradient, INDArray sum, int offset, int length, float lr, float epsilon, float scale) {
        FloatLanes t = new FloatLanes(theta, offset);
        FloatLanes g = new FloatLanes(gradient, offset);
        FloatLanes s = new FloatLanes(sum, offset);
        int done = FloatLanes.SPECIES.loopBound(length);
        for (int i = 0; i < done; i += FloatLanes.SPECIES.length()) {
            FloatVector gi = g.load(i).mul(scale);
            FloatVector si = s.load(i).add(gi.mul(gi));
            s.store(si, i);
            t.store(t.load(i).sub(gi.mul(lr).div(si.sqrt().add(epsilon))), i);
        }
        return done;
    }
}
