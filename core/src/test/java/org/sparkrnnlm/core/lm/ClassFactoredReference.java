package org.sparkrnnlm.core.lm;

/**
 * A plain transcription of the class-factored RNN LM, independent of the engine: V indexed by word
 * id (not in class order), each word's class from an int array, the class and word softmaxes over
 * explicit loops, and truncated BPTT step by step as the tutorial writes it.
 */
final class ClassFactoredReference {
    final double[][] u; // H x C
    final double[][] w; // H x H
    final double[][] v; // C x H, row w is word w
    final double[][] x; // N x H
    final int[] classOf;
    final int truncate;
    final int hidden;

    ClassFactoredReference(double[][] u, double[][] w, double[][] v, double[][] x, int[] classOf, int truncate) {
        this.u = u;
        this.w = w;
        this.v = v;
        this.x = x;
        this.classOf = classOf;
        this.truncate = truncate;
        this.hidden = w.length;
    }

    double[][] states(int[] inputs) {
        double[][] s = new double[inputs.length][];
        double[] prev = new double[hidden];
        for (int t = 0; t < inputs.length; t++) {
            s[t] = step(prev, inputs[t]);
            prev = s[t];
        }
        return s;
    }

    double[] step(double[] prev, int word) {
        double[] next = new double[hidden];
        for (int i = 0; i < hidden; i++) {
            double z = u[i][word];
            for (int j = 0; j < hidden; j++) z += w[i][j] * prev[j];
            next[i] = Math.tanh(z);
        }
        return next;
    }

    /** softmax(X s)[c]. */
    double classProbability(double[] s, int c) {
        double[] z = new double[x.length];
        for (int k = 0; k < x.length; k++) z[k] = dot(x[k], s);
        return softmax(z)[c];
    }

    /** softmax over the words of y's class of V[w] . s, at y. */
    double wordProbability(double[] s, int y) {
        double total = 0;
        for (int word = 0; word < v.length; word++) if (classOf[word] == classOf[y]) total += Math.exp(dot(v[word], s));
        return Math.exp(dot(v[y], s)) / total;
    }

    double probability(double[] s, int y) {
        return classProbability(s, classOf[y]) * wordProbability(s, y);
    }

    double summedLoss(int[] inputs, int[] targets) {
        double[][] s = states(inputs);
        double loss = 0;
        for (int t = 0; t < s.length; t++) loss -= Math.log(probability(s[t], targets[t]));
        return loss;
    }

    /** {dU, dW, dV (by word), dX} of the summed loss under truncated BPTT. */
    double[][][] gradient(int[] inputs, int[] targets) {
        double[][] s = states(inputs);
        double[][] dU = new double[hidden][u[0].length];
        double[][] dW = new double[hidden][hidden];
        double[][] dV = new double[v.length][hidden];
        double[][] dX = new double[x.length][hidden];
        for (int t = 0; t < s.length; t++) {
            double[] ds = outputGradient(s[t], targets[t], dV, dX);
            double[] delta = new double[hidden];
            for (int k = 0; k < hidden; k++) delta[k] = ds[k] * (1 - s[t][k] * s[t][k]);
            for (int i = t; i >= Math.max(0, t - truncate); i--) {
                double[] prev = i == 0 ? new double[hidden] : s[i - 1];
                for (int a = 0; a < hidden; a++) {
                    dU[a][inputs[i]] += delta[a];
                    for (int b = 0; b < hidden; b++) dW[a][b] += delta[a] * prev[b];
                }
                double[] back = new double[hidden];
                for (int b = 0; b < hidden; b++) {
                    for (int a = 0; a < hidden; a++) back[b] += w[a][b] * delta[a];
                    back[b] *= 1 - prev[b] * prev[b];
                }
                delta = back;
            }
        }
        return new double[][][] {dU, dW, dV, dX};
    }

    /** Adds dL_t/dV and dL_t/dX; returns dL_t/ds_t. */
    private double[] outputGradient(double[] s, int y, double[][] dV, double[][] dX) {
        double[] ds = new double[hidden];
        double[] zc = new double[x.length];
        for (int k = 0; k < x.length; k++) zc[k] = dot(x[k], s);
        double[] pc = softmax(zc);
        for (int k = 0; k < x.length; k++) {
            double g = pc[k] - (k == classOf[y] ? 1 : 0);
            for (int j = 0; j < hidden; j++) {
                dX[k][j] += g * s[j];
                ds[j] += g * x[k][j];
            }
        }
        for (int word = 0; word < v.length; word++) {
            if (classOf[word] != classOf[y]) continue;
            double g = wordProbability(s, word) - (word == y ? 1 : 0);
            for (int j = 0; j < hidden; j++) {
                dV[word][j] += g * s[j];
                ds[j] += g * v[word][j];
            }
        }
        return ds;
    }

    /** The truncated objective: output t sees the parameters only through steps t-k..t, from the frozen state before them. */
    double truncatedObjective(double[][] frozen, int[] inputs, int[] targets) {
        double total = 0;
        for (int t = 0; t < inputs.length; t++) {
            int first = Math.max(0, t - truncate);
            double[] s = first == 0 ? new double[hidden] : frozen[first - 1];
            for (int i = first; i <= t; i++) s = step(s, inputs[i]);
            total -= Math.log(probability(s, targets[t]));
        }
        return total;
    }

    static double dot(double[] a, double[] b) {
        double r = 0;
        for (int i = 0; i < a.length; i++) r += a[i] * b[i];
        return r;
    }

    static double[] softmax(double[] z) {
        double[] e = new double[z.length];
        double sum = 0;
        for (int i = 0; i < z.length; i++) sum += e[i] = Math.exp(z[i]);
        for (int i = 0; i < z.length; i++) e[i] /= sum;
        return e;
    }
}
