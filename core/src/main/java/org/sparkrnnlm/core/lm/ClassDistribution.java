package org.sparkrnnlm.core.lm;

import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparkrnnlm.core.tensor.NdBuffers;

/**
 * The next-word distribution of a class-factored model, in double:
 * {@code P(w | s) = softmax(X s)[c(w)] * softmax(V_c(w) s)[w]}. Drawing takes a class, then a word
 * of it, from the distribution with some words banned and the rest renormalised: a class's weight
 * is its probability times the share of its words' mass that is allowed, so the draw equals
 * redrawing until an allowed word comes up.
 */
public final class ClassDistribution {
    private final WordClasses classes;
    private final int hidden;
    private final double[] x;
    private final double[] v;
    private final boolean[] banned;
    private final double[] classWeights;
    private final double[] wordWeights;

    /** @param banned word ids never drawn (none: an empty array) */
    public ClassDistribution(RnnLanguageModel model, int... banned) {
        if (!model.isClassFactored()) throw new IllegalArgumentException("the model has a full softmax, not word classes");
        this.classes = model.classes();
        this.hidden = model.hiddenSize();
        this.x = all(model.parameters().get(RnnLanguageModel.X));
        this.v = all(model.parameters().get(RnnLanguageModel.V));
        this.banned = new boolean[classes.vocabularySize()];
        for (int w : banned) this.banned[w] = true;
        this.classWeights = new double[classes.classes()];
        int largest = 0;
        for (int c = 0; c < classes.classes(); c++) largest = Math.max(largest, classes.end(c) - classes.start(c));
        this.wordWeights = new double[largest];
    }

    private static double[] all(INDArray a) {
        double[] out = new double[(int) a.length()];
        NdBuffers.read(a, 0, out, 0, out.length);
        return out;
    }

    /** P(w | s) of every word, by word id (banned words included). */
    public void probabilities(double[] s, double[] out) {
        double classTotal = exponentials(x, 0, classes.classes(), s, classWeights);
        for (int c = 0; c < classes.classes(); c++) {
            int first = classes.start(c);
            int n = classes.end(c) - first;
            double wordTotal = exponentials(v, first, n, s, wordWeights);
            for (int i = 0; i < n; i++) out[classes.word(first + i)] = classWeights[c] / classTotal * (wordWeights[i] / wordTotal);
        }
    }

    /**
     * A word drawn from P(. | s) without the banned words: a class, then a word of it. Class weights
     * are taken in logs, so a class of allowed words is still drawn when banned ones hold nearly all
     * the mass.
     */
    public int draw(double[] s, Random random) {
        int n = classes.classes();
        logits(x, 0, n, s, classWeights);
        for (int c = 0; c < n; c++) if (hasBanned(c)) classWeights[c] += logAllowedShare(c, s);
        exponentiate(classWeights, n, i -> true);
        int c = Draws.from(classWeights, n, random);
        int first = classes.start(c);
        int size = classes.end(c) - first;
        logits(v, first, size, s, wordWeights);
        exponentiate(wordWeights, size, i -> !banned[classes.word(first + i)]);
        return classes.word(first + Draws.from(wordWeights, size, random));
    }

    private boolean hasBanned(int c) {
        for (int row = classes.start(c); row < classes.end(c); row++) if (banned[classes.word(row)]) return true;
        return false;
    }

    /** log of the allowed words' share of the class's word softmax; -infinity when all its words are banned. */
    private double logAllowedShare(int c, double[] s) {
        int first = classes.start(c);
        int n = classes.end(c) - first;
        logits(v, first, n, s, wordWeights);
        double maxAll = Double.NEGATIVE_INFINITY;
        double maxAllowed = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            maxAll = Math.max(maxAll, wordWeights[i]);
            if (!banned[classes.word(first + i)]) maxAllowed = Math.max(maxAllowed, wordWeights[i]);
        }
        if (maxAllowed == Double.NEGATIVE_INFINITY) return Double.NEGATIVE_INFINITY;
        double all = 0;
        double allowed = 0;
        for (int i = 0; i < n; i++) {
            all += Math.exp(wordWeights[i] - maxAll);
            if (!banned[classes.word(first + i)]) allowed += Math.exp(wordWeights[i] - maxAllowed);
        }
        return maxAllowed + Math.log(allowed) - maxAll - Math.log(all);
    }

    /** out[i] = m_{first+i} . s for n rows of m. */
    private void logits(double[] m, int first, int n, double[] s, double[] out) {
        for (int i = 0; i < n; i++) {
            double o = 0;
            int r = (first + i) * hidden;
            for (int j = 0; j < hidden; j++) o += m[r + j] * s[j];
            out[i] = o;
        }
    }

    /** z[i] := exp(z[i] - max over the kept) for the kept entries, 0 for the others; returns their sum. */
    private static double exponentiate(double[] z, int n, java.util.function.IntPredicate kept) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) if (kept.test(i)) max = Math.max(max, z[i]);
        double sum = 0;
        for (int i = 0; i < n; i++) sum += z[i] = kept.test(i) && z[i] != Double.NEGATIVE_INFINITY ? Math.exp(z[i] - max) : 0.0;
        return sum;
    }

    /** exp(m_{first+i} . s - max) for n rows of m into out; returns their sum. */
    private double exponentials(double[] m, int first, int n, double[] s, double[] out) {
        logits(m, first, n, s, out);
        return exponentiate(out, n, i -> true);
    }
}
