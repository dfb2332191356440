package org.sparkrnnlm.core.lm;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparkrnnlm.core.rnn.RecurrentLayer;
import org.sparkrnnlm.core.tensor.NdBuffers;
import org.sparkrnnlm.core.text.Vocabulary;

/**
 * Generates sentences as the tutorial does: start from SENTENCE_START, draw each next word from
 * {@code o_t} (with word classes: a class, then a word of it, see {@link ClassDistribution}), stop at
 * SENTENCE_END. UNKNOWN_TOKEN and SENTENCE_START are redrawn, so they never appear.
 * The states come from the {@link RecurrentLayer} step that training runs, kept in double whatever
 * the model's dtype (training rounds them to float for a float model; the sampler never has).
 */
public final class SentenceSampler {
    private final RnnLanguageModel model;
    private final Vocabulary vocabulary;
    private final Random random;
    private final RecurrentLayer layer;
    private final double[] u;
    private final double[] v;
    /** Null without an output bias. */
    private final double[] b;
    /** Null for the full softmax. */
    private final ClassDistribution classes;

    public SentenceSampler(RnnLanguageModel model, Vocabulary vocabulary, long seed) {
        if (vocabulary.size() != model.vocabularySize()) {
            throw new IllegalArgumentException("vocabulary has " + vocabulary.size() + " words, model " + model.vocabularySize());
        }
        this.model = model;
        this.vocabulary = vocabulary;
        this.random = new Random(seed);
        this.layer = new RecurrentLayer(model.hiddenSize(), RnnLanguageModel.ACTIVATION, false);
        layer.weights(model.parameters().get(RnnLanguageModel.W));
        this.u = all(model.parameters().get(RnnLanguageModel.U));
        this.v = model.isClassFactored() ? null : all(model.parameters().get(RnnLanguageModel.V));
        this.b = model.hasOutputBias() ? all(model.parameters().get(RnnLanguageModel.B)) : null;
        this.classes = model.isClassFactored() ? new ClassDistribution(model, vocabulary.unknownId(), vocabulary.startId()) : null;
    }

    private static double[] all(INDArray a) {
        double[] out = new double[(int) a.length()];
        NdBuffers.read(a, 0, out, 0, out.length);
        return out;
    }

    /** Words of one sentence, without the markers; at most {@code maxLength} words. */
    public List<String> sample(int maxLength) {
        int hidden = model.hiddenSize();
        int words = model.vocabularySize();
        double[] s = new double[hidden];
        double[] next = new double[hidden];
        double[] probabilities = new double[words];
        List<String> sentence = new ArrayList<>();
        int x = vocabulary.startId();
        while (sentence.size() < maxLength) {
            // s' = tanh(U[:, x] + W s): U is stored column-major, so column x is contiguous.
            layer.step(u, x * hidden, s, next);
            double[] previous = s;
            s = next;
            next = previous;
            x = classes != null ? classes.draw(s, random) : drawFull(s, probabilities, hidden, words);
            if (x == vocabulary.endId()) break;
            sentence.add(vocabulary.word(x));
        }
        return sentence;
    }

    private int drawFull(double[] s, double[] probabilities, int hidden, int words) {
        distribution(s, probabilities, hidden, words);
        return Draws.from(probabilities, words, random);
    }

    /** softmax(V s + b) over the words that may be emitted; the others get weight zero. */
    private void distribution(double[] s, double[] p, int hidden, int words) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < words; c++) {
            double o = b == null ? 0 : b[c];
            for (int j = 0; j < hidden; j++) o += v[c * hidden + j] * s[j];
            p[c] = o;
            if (allowed(c)) max = Math.max(max, o);
        }
        for (int c = 0; c < words; c++) p[c] = allowed(c) ? Math.exp(p[c] - max) : 0.0;
    }

    private boolean allowed(int word) {
        return word != vocabulary.unknownId() && word != vocabulary.startId();
    }
}
