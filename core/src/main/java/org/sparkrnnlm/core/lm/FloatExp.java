package org.sparkrnnlm.core.lm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * exp for float32 built only from exactly rounded operations (add, multiply, fma, exponent-bit
 * arithmetic): Cephes' expf. The Vector API's own EXP is faster to write but its JIT intrinsic and
 * its interpreted fallback round differently, which would make the same training run give
 * different bits on a cold and a warm JVM. This one gives the same bits everywhere, lane or scalar.
 * Accurate to about 1 ulp for the arguments softmax produces (x <= 0).
 */
final class FloatExp {
    private static final float LOG2E = 1.44269504088896341f;
    private static final float ROUNDER = 12582912f; // 1.5 * 2^23: adding and subtracting it rounds to an integer
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    private static final float P0 = 1.9875691500E-4f;
    private static final float P1 = 1.3981999507E-3f;
    private static final float P2 = 8.3334519073E-3f;
    private static final float P3 = 4.1665795894E-2f;
    private static final float P4 = 1.6666665459E-1f;
    private static final float P5 = 5.0000001201E-1f;
    /** Below this exp(x) is under the smallest normal float; such terms are dropped as zero. */
    static final float MIN_ARGUMENT = -87.33654f;
    static final float MAX_ARGUMENT = 88.3762626647949f;

    private FloatExp() {
    }

    static float exp(float x) {
        if (x < MIN_ARGUMENT) return 0f;
        float xc = Math.min(x, MAX_ARGUMENT);
        float n = (xc * LOG2E + ROUNDER) - ROUNDER;
        float r = Math.fma(n, -LN2_HI, xc);
        r = Math.fma(n, -LN2_LO, r);
        float p = Math.fma(P0, r, P1);
        p = Math.fma(p, r, P2);
        p = Math.fma(p, r, P3);
        p = Math.fma(p, r, P4);
        p = Math.fma(p, r, P5);
        float y = Math.fma(p, r * r, r) + 1f;
        return y * Float.intBitsToFloat(((int) n + 127) << 23);
    }

    static FloatVector exp(FloatVector x) {
        VectorMask<Float> underflow = x.compare(VectorOperators.LT, MIN_ARGUMENT);
        FloatVector xc = x.max(MIN_ARGUMENT).min(MAX_ARGUMENT);
        FloatVector n = xc.mul(LOG2E).add(ROUNDER).sub(ROUNDER);
        FloatVector r = n.lanewise(VectorOperators.FMA, -LN2_HI, xc);
        r = n.lanewise(VectorOperators.FMA, -LN2_LO, r);
        FloatVector p = r.lanewise(VectorOperators.FMA, P0, P1);
        p = p.lanewise(VectorOperators.FMA, r, P2);
        p = p.lanewise(VectorOperators.FMA, r, P3);
        p = p.lanewise(VectorOperators.FMA, r, P4);
        p = p.lanewise(VectorOperators.FMA, r, P5);
        FloatVector y = p.lanewise(VectorOperators.FMA, r.mul(r), r).add(1f);
        IntVector bits = ((IntVector) n.convert(VectorOperators.F2I, 0)).add(127).lanewise(VectorOperators.LSHL, 23);
        return y.mul(bits.reinterpretAsFloats()).blend(0f, underflow);
    }
}
