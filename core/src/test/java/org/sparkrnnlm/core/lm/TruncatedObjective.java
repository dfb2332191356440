package org.sparkrnnlm.core.lm;

/**
 * The function whose exact gradient truncated BPTT is: output t sees the parameters only through
 * steps t-k..t, starting from the state s_{t-k-1} that the unperturbed parameters produced. With
 * k >= T - 1 it is the plain sentence loss. Finite differences of it check the engine.
 */
final class TruncatedObjective {
    private final double[][] frozenStates;
    private final int truncate;

    TruncatedObjective(double[][] u, double[][] w, int[] x, int truncate) {
        this.truncate = truncate;
        this.frozenStates = states(u, w, x, new double[w.length], 0, x.length);
    }

    double value(double[][] u, double[][] w, double[][] v, int[] x, int[] y) {
        return value(u, w, v, null, x, y);
    }

    /** With an output bias b (null: none), added to every logit vector. */
    double value(double[][] u, double[][] w, double[][] v, double[] b, int[] x, int[] y) {
        double total = 0;
        for (int t = 0; t < x.length; t++) {
            int first = Math.max(0, t - truncate);
            double[] start = first == 0 ? new double[w.length] : frozenStates[first - 1];
            double[][] s = states(u, w, x, start, first, t + 1);
            double[] logits = TutorialBpttReference.dot(v, s[t - first]);
            for (int c = 0; b != null && c < logits.length; c++) logits[c] += b[c];
            total += -Math.log(TutorialBpttReference.softmax(logits)[y[t]]);
        }
        return total;
    }

    /** States s_from .. s_{to-1} of the recurrence started from s_{from-1} = start. */
    private static double[][] states(double[][] u, double[][] w, int[] x, double[] start, int from, int to) {
        double[][] out = new double[to - from][];
        double[] prev = start;
        for (int t = from; t < to; t++) {
            double[] s = new double[w.length];
            for (int i = 0; i < s.length; i++) {
                double z = u[i][x[t]];
                for (int j = 0; j < s.length; j++) z += w[i][j] * prev[j];
                s[i] = Math.tanh(z);
            }
            out[t - from] = s;
            prev = s;
        }
        return out;
    }
}
