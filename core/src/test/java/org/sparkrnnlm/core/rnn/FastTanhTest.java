package org.sparkrnnlm.core.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FastTanhTest {

    @Test
    void agreesWithStrictTanhWithin1e14RelativeFromTinyToSaturated() {
        for (double x = -40; x <= 40; x += 0.001) assertClose(x);
        for (double x = 1e-300; x < 1; x *= 1.37) {
            assertClose(x);
            assertClose(-x);
        }
        assertEquals(0.0, FastTanh.apply(0.0), 0.0);
    }

    @Test
    void roundsToTheSameFloatAsStrictTanhAlmostEverywhere() {
        int differ = 0;
        int n = 0;
        for (double x = -10; x <= 10; x += 1e-4, n++) {
            if ((float) FastTanh.apply(x) != (float) StrictMath.tanh(x)) differ++;
        }
        // A relative error of 1e-14 flips a float rounding only when the value sits on a rounding boundary.
        assertEquals(0.0, differ / (double) n, 1e-4);
    }

    private static void assertClose(double x) {
        double exact = StrictMath.tanh(x);
        assertEquals(exact, FastTanh.apply(x), 1e-14 * Math.abs(exact), "tanh(" + x + ")");
    }
}
