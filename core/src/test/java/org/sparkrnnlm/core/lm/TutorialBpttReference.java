package org.sparkrnnlm.core.lm;

/**
 * A deliberately naive transcription of the tutorial's numpy code: one-hot inputs, a
 * MultiplyGate/AddGate/Tanh chain per step, and the tutorial's bptt loop exactly as written,
 * including its re-running of each layer's forward pass. Slow on purpose and independent of the
 * engine: only plain double arrays.
 */
final class TutorialBpttReference {
    final double[][] u; // H x C
    final double[][] w; // H x H
    final double[][] v; // C x H
    final int hidden;
    final int words;
    final int truncate;

    TutorialBpttReference(double[][] u, double[][] w, double[][] v, int truncate) {
        this.u = u;
        this.w = w;
        this.v = v;
        this.hidden = w.length;
        this.words = v.length;
        this.truncate = truncate;
    }

    /** RNNLayer of the tutorial: keeps mulu, mulw, add, s, mulv. */
    final class Layer {
        double[] mulu, mulw, add, s, mulv;

        void forward(double[] x, double[] prevS) {
            mulu = dot(u, x);
            mulw = dot(w, prevS);
            add = plus(mulw, mulu);
            s = tanh(add);
            mulv = dot(v, s);
        }

        /** Returns {dprev_s, dU, dW, dV}, re-running forward first as the tutorial does. */
        Object[] backward(double[] x, double[] prevS, double[] diffS, double[] dmulv) {
            forward(x, prevS);
            double[][] dV = outer(dmulv, s);
            double[] dsv = dot(transpose(v), dmulv);
            double[] ds = plus(dsv, diffS);
            double[] dadd = new double[hidden];
            for (int i = 0; i < hidden; i++) dadd[i] = (1.0 - Math.tanh(add[i]) * Math.tanh(add[i])) * ds[i];
            double[] dmulw = dadd.clone();
            double[] dmulu = dadd.clone();
            double[][] dW = outer(dmulw, prevS);
            double[] dprevS = dot(transpose(w), dmulw);
            double[][] dU = outer(dmulu, x);
            return new Object[] {dprevS, dU, dW, dV};
        }
    }

    Layer[] forwardPropagation(int[] x) {
        Layer[] layers = new Layer[x.length];
        double[] prevS = new double[hidden];
        for (int t = 0; t < x.length; t++) {
            layers[t] = new Layer();
            layers[t].forward(oneHot(x[t]), prevS);
            prevS = layers[t].s;
        }
        return layers;
    }

    /** calculate_loss without the 1/T: the sum of -log softmax(mulv)[y]. */
    double summedLoss(int[] x, int[] y) {
        Layer[] layers = forwardPropagation(x);
        double loss = 0;
        for (int t = 0; t < layers.length; t++) loss += -Math.log(softmax(layers[t].mulv)[y[t]]);
        return loss;
    }

    /** The tutorial's bptt(x, y): returns {dU, dW, dV}. */
    double[][][] bptt(int[] x, int[] y) {
        Layer[] layers = forwardPropagation(x);
        double[][] dU = new double[hidden][words];
        double[][] dV = new double[words][hidden];
        double[][] dW = new double[hidden][hidden];
        int steps = layers.length;
        double[] prevSt = new double[hidden];
        double[] diffS = new double[hidden];
        for (int t = 0; t < steps; t++) {
            double[] dmulv = softmax(layers[t].mulv);
            dmulv[y[t]] -= 1.0;
            Object[] r = layers[t].backward(oneHot(x[t]), prevSt, diffS, dmulv);
            double[] dprevS = (double[]) r[0];
            double[][] dUt = (double[][]) r[1];
            double[][] dWt = (double[][]) r[2];
            double[][] dVt = (double[][]) r[3];
            prevSt = layers[t].s;
            dmulv = new double[words];
            for (int i = t - 1; i > Math.max(-1, t - truncate - 1); i--) {
                double[] prevSi = i == 0 ? new double[hidden] : layers[i - 1].s;
                Object[] ri = layers[i].backward(oneHot(x[i]), prevSi, dprevS, dmulv);
                dprevS = (double[]) ri[0];
                addInto(dUt, (double[][]) ri[1]);
                addInto(dWt, (double[][]) ri[2]);
            }
            addInto(dV, dVt);
            addInto(dU, dUt);
            addInto(dW, dWt);
        }
        return new double[][][] {dU, dW, dV};
    }

    double[] oneHot(int k) {
        double[] x = new double[words];
        x[k] = 1;
        return x;
    }

    static double[] softmax(double[] x) {
        double[] e = new double[x.length];
        double sum = 0;
        for (int i = 0; i < x.length; i++) sum += e[i] = Math.exp(x[i]);
        for (int i = 0; i < x.length; i++) e[i] /= sum;
        return e;
    }

    static double[] dot(double[][] m, double[] x) {
        double[] r = new double[m.length];
        for (int i = 0; i < m.length; i++) for (int j = 0; j < x.length; j++) r[i] += m[i][j] * x[j];
        return r;
    }

    static double[][] transpose(double[][] m) {
        double[][] t = new double[m[0].length][m.length];
        for (int i = 0; i < m.length; i++) for (int j = 0; j < m[0].length; j++) t[j][i] = m[i][j];
        return t;
    }

    static double[][] outer(double[] a, double[] b) {
        double[][] r = new double[a.length][b.length];
        for (int i = 0; i < a.length; i++) for (int j = 0; j < b.length; j++) r[i][j] = a[i] * b[j];
        return r;
    }

    static double[] plus(double[] a, double[] b) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) r[i] = a[i] + b[i];
        return r;
    }

    static double[] tanh(double[] a) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) r[i] = Math.tanh(a[i]);
        return r;
    }

    static void addInto(double[][] acc, double[][] m) {
        for (int i = 0; i < acc.length; i++) for (int j = 0; j < acc[0].length; j++) acc[i][j] += m[i][j];
    }
}
