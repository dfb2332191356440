package org.sparkrnnlm.core.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;

class FloatExpTest {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    private static float[] arguments(int n, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = -90f * r.nextFloat() * r.nextFloat();
        x[0] = 0f;
        x[1] = -87.33f;
        x[2] = -87.34f;
        x[3] = -1e-7f;
        return x;
    }

    @Test
    void lanesGiveTheSameBitsAsTheScalarFormula() {
        float[] x = arguments(SPECIES.length() * 4096, 1);
        float[] lanes = new float[x.length];
        for (int i = 0; i < x.length; i += SPECIES.length()) {
            FloatExp.exp(FloatVector.fromArray(SPECIES, x, i)).intoArray(lanes, i);
        }
        for (int i = 0; i < x.length; i++) {
            assertEquals(Float.floatToRawIntBits(FloatExp.exp(x[i])), Float.floatToRawIntBits(lanes[i]), "x=" + x[i]);
        }
    }

    @Test
    void agreesWithMathExpToTwoUnitsInTheLastPlace() {
        for (float x : arguments(200_000, 2)) {
            float exact = (float) Math.exp(x);
            if (x < FloatExp.MIN_ARGUMENT) {
                assertEquals(FloatExp.exp(FloatExp.MIN_ARGUMENT), FloatExp.exp(x));
                assertTrue(FloatExp.exp(x) >= Float.MIN_NORMAL && FloatExp.exp(x) < 1.2e-38f);
            } else {
                assertTrue(Math.abs(FloatExp.exp(x) - exact) <= 2 * Math.ulp(exact), "x=" + x);
            }
        }
    }

    @Test
    void expOfZeroIsOne() {
        assertEquals(1f, FloatExp.exp(0f));
    }
}
