package org.sparkrnnlm.core.lm;

import java.util.Random;

/** Drawing an index in proportion to non-negative weights, with one uniform number. */
final class Draws {
    private Draws() {
    }

    /** An index in [0, n) with probability weights[i] / sum; zero weights are never drawn. */
    static int from(double[] weights, int n, Random random) {
        double total = 0;
        for (int i = 0; i < n; i++) total += weights[i];
        double r = random.nextDouble() * total;
        for (int i = 0; i < n; i++) {
            r -= weights[i];
            if (r < 0 && weights[i] > 0) return i;
        }
        for (int i = n - 1; i >= 0; i--) if (weights[i] > 0) return i;
        throw new IllegalStateException("nothing can be drawn");
    }
}
