package org.sparkrnnlm.core.regression;

import org.sparkrnnlm.core.rnn.Activation;

/**
 * A straightforward transcription of the regression model on plain 2-D arrays, independent of the
 * engine: the forward loop, the cost, and backpropagation output by output, each error flowing
 * back at most {@code truncate} steps (Integer.MAX_VALUE for full BPTT), as the tutorial's bptt loop does.
 */
final class RegressionReference {
    final double[][] wuh;
    final double[][] whh;
    final double[][] why;
    final double[] bh;
    final double[] by;
    final Activation g;
    final boolean everyStep;
    final int truncate;

    RegressionReference(double[][] wuh, double[][] whh, double[][] why, double[] bh, double[] by, Activation g,
                        boolean everyStep, int truncate) {
        this.wuh = wuh;
        this.whh = whh;
        this.why = why;
        this.bh = bh;
        this.by = by;
        this.g = g;
        this.everyStep = everyStep;
        this.truncate = truncate;
    }

    /** h[t] for t in 0..T-1. */
    double[][] states(double[][] u) {
        int hidden = bh.length;
        double[][] h = new double[u.length][hidden];
        for (int t = 0; t < u.length; t++) {
            for (int i = 0; i < hidden; i++) {
                double z = bh[i];
                for (int j = 0; j < u[t].length; j++) z += wuh[i][j] * u[t][j];
                if (t > 0) for (int j = 0; j < hidden; j++) z += whh[i][j] * h[t - 1][j];
                h[t][i] = g.apply(z);
            }
        }
        return h;
    }

    double[] output(double[] h) {
        double[] y = by.clone();
        for (int k = 0; k < y.length; k++) for (int i = 0; i < h.length; i++) y[k] += why[k][i] * h[i];
        return y;
    }

    boolean isOutputStep(int t, int steps) {
        return everyStep || t == steps - 1;
    }

    /** Sum over output steps of the mean squared error over the K outputs; target row r = r-th output step. */
    double loss(double[][] u, double[][] target) {
        double[][] h = states(u);
        double cost = 0;
        int r = 0;
        for (int t = 0; t < u.length; t++) {
            if (!isOutputStep(t, u.length)) continue;
            double[] y = output(h[t]);
            for (int k = 0; k < y.length; k++) cost += (y[k] - target[r][k]) * (y[k] - target[r][k]) / y.length;
            r++;
        }
        return cost;
    }

    /** Gradients in the order W_uh, W_hh, W_hy, b_h, b_y (vectors as 1 x n). */
    double[][][] gradient(double[][] u, double[][] target) {
        int hidden = bh.length;
        double[][] h = states(u);
        double[][] dwuh = new double[hidden][u[0].length];
        double[][] dwhh = new double[hidden][hidden];
        double[][] dwhy = new double[by.length][hidden];
        double[] dbh = new double[hidden];
        double[] dby = new double[by.length];
        int r = 0;
        for (int t = 0; t < u.length; t++) {
            if (!isOutputStep(t, u.length)) continue;
            double[] y = output(h[t]);
            double[] dy = new double[y.length];
            for (int k = 0; k < y.length; k++) {
                dy[k] = 2 * (y[k] - target[r][k]) / y.length;
                dby[k] += dy[k];
                for (int i = 0; i < hidden; i++) dwhy[k][i] += dy[k] * h[t][i];
            }
            r++;
            double[] delta = new double[hidden];
            for (int i = 0; i < hidden; i++) {
                for (int k = 0; k < y.length; k++) delta[i] += why[k][i] * dy[k];
                delta[i] *= g.derivativeAtOutput(h[t][i]);
            }
            for (int step = t; step >= Math.max(0, t - (long) truncate); step--) {
                for (int i = 0; i < hidden; i++) {
                    dbh[i] += delta[i];
                    for (int j = 0; j < u[step].length; j++) dwuh[i][j] += delta[i] * u[step][j];
                    if (step > 0) for (int j = 0; j < hidden; j++) dwhh[i][j] += delta[i] * h[step - 1][j];
                }
                if (step == 0) break;
                double[] earlier = new double[hidden];
                for (int j = 0; j < hidden; j++) {
                    for (int i = 0; i < hidden; i++) earlier[j] += whh[i][j] * delta[i];
                    earlier[j] *= g.derivativeAtOutput(h[step - 1][j]);
                }
                delta = earlier;
            }
        }
        return new double[][][] {dwuh, dwhh, dwhy, {dbh}, {dby}};
    }
}
