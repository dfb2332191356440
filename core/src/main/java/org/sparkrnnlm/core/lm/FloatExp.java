package org.sparkrnnlm.core.lm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

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
    /**
     * Arguments are clamped here: below it exp(x) would be a subnormal float, which is slow and
     * cannot change a float32 softmax sum of at least 1; such terms come out as exp(MIN_ARGUMENT).
     */
    static final float MIN_ARGUMENT = -87.33654f;
    static final float MAX_ARGUMENT = 88.3762626647949f;
    /** Adds the float exponent bias to n taken from the bits of n + ROUNDER. */
    private static final int BIAS = 127 - Float.floatToRawIntBits(ROUNDER);

    private FloatExp() {
    }

    static float exp(float x) {
        float xc = Math.max(MIN_ARGUMENT, Math.min(x, MAX_ARGUMENT));
        float t = xc * LOG2E + ROUNDER;
        float n = t - ROUNDER;
        float r = Math.fma(n, -LN2_HI, xc);
        r = Math.fma(n, -LN2_LO, r);
        float p = Math.fma(P0, r, P1);
        p = Math.fma(p, r, P2);
        p = Math.fma(p, r, P3);
        p = Math.fma(p, r, P4);
        p = Math.fma(p, r, P5);
        float y = Math.fma(p, r * r, r) + 1f;
        return y * Float.intBitsToFloat((Float.floatToRawIntBits(t) + BIAS) << 23);
    }

    /** The same steps lane-wise; constants are broadcast vectors because scalar FMA operands are not intrinsified on JDK 17. */
    static FloatVector exp(FloatVector x) {
        VectorSpecies<Float> species = x.species();
        FloatVector xc = x.max(MIN_ARGUMENT).min(MAX_ARGUMENT);
        FloatVector t = xc.mul(LOG2E).add(ROUNDER);
        FloatVector n = t.sub(ROUNDER);
        FloatVector r = n.lanewise(VectorOperators.FMA, FloatVector.broadcast(species, -LN2_HI), xc);
        r = n.lanewise(VectorOperators.FMA, FloatVector.broadcast(species, -LN2_LO), r);
        FloatVector p = r.lanewise(VectorOperators.FMA, FloatVector.broadcast(species, P0), FloatVector.broadcast(species, P1));
        p = p.lanewise(VectorOperators.FMA, r, FloatVector.broadcast(species, P2));
        p = p.lanewise(VectorOperators.FMA, r, FloatVector.broadcast(species, P3));
        p = p.lanewise(VectorOperators.FMA, r, FloatVector.broadcast(species, P4));
        p = p.lanewise(VectorOperators.FMA, r, FloatVector.broadcast(species, P5));
        FloatVector y = p.lanewise(VectorOperators.FMA, r.mul(r), r).add(1f);
        return y.mul(t.reinterpretAsInts().add(BIAS).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
    }
}
