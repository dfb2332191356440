package org.sparkrnnlm.jobs.preprocess;

import java.io.Serializable;

/**
 * A deterministic held-out split: a sentence goes to held-out when a hash of its position in the
 * dump and the seed falls below the fraction, so re-running on the same input gives the same split.
 */
public record HeldoutSplit(double fraction, long seed) implements Serializable {

    public boolean isHeldout(long position) {
        if (fraction <= 0) return false;
        return uniform(position ^ (seed * 0x9E3779B97F4A7C15L)) < fraction;
    }

    /** SplitMix64's finaliser, mapped to [0, 1). */
    static double uniform(long x) {
        long z = x + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53;
    }
}
