package org.sparkrnnlm.core.lm;

import java.util.LinkedHashMap;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sparkrnnlm.core.optim.LearningRateSchedule;
import org.sparkrnnlm.core.optim.Optimizer;
import org.sparkrnnlm.core.rnn.Activation;
import org.sparkrnnlm.core.tensor.Dtype;
import org.sparkrnnlm.core.tensor.Parameters;

/**
 * The tutorial's language model: {@code s_t = tanh(U[:, x_t] + W s_{t-1})}, {@code o_t = softmax(V s_t)},
 * with U (H x C), W (H x H), V (C x H). U is stored column-major so that the column a word selects
 * is contiguous; the files hold it in numpy's row-major order all the same.
 *
 * <p>Opt in, the full softmax takes an output bias b (C): {@code o_t = softmax(V s_t + b)}; a new model's b is 0
 * until {@link #withUnigramBias} sets it.
 *
 * <p>With {@link WordClasses} the output is class-factored (Mikolov et al. 2011):
 * {@code P(w | s) = softmax(X s)[c(w)] * softmax(V_c(w) s)[w]} with X (N x H), and V's rows are in
 * class order (see {@link WordClasses}) instead of word order.
 */
public final class RnnLanguageModel {
    public static final String U = "U";
    /** The tutorial's settings, used where a command or a model file gives none. */
    public static final int DEFAULT_HIDDEN = 100;
    public static final int DEFAULT_BPTT_TRUNCATE = 4;
    public static final double DEFAULT_LEARNING_RATE = 0.005;
    public static final int DEFAULT_VOCABULARY_SIZE = 8000;

    /** The learning rate each update rule starts from by default with the full softmax. */
    public static double defaultLearningRate(Optimizer optimizer) {
        return defaultLearningRate(optimizer, false);
    }

    /** The learning rate each update rule starts from by default with per-sentence updates. */
    public static double defaultLearningRate(Optimizer optimizer, boolean classFactored) {
        return defaultLearningRate(optimizer, classFactored, false);
    }

    /**
     * The learning rate each update rule starts from by default, tuned on the Brown split's held-out
     * set. Adam falls linearly from it to 0 ({@link #defaultSchedule}): from 0.006 with the
     * class-factored softmax and with the full softmax in minibatches (gradient mode: 106.8 after 2
     * epochs at batch 32, against 118.2 at a constant 0.002); from 0.004 with per-sentence updates
     * and the full softmax, whose every row of V then takes a normalized step per sentence (116.0
     * after 2 epochs, against 118.4 from 0.003 and 123.7 at a constant 0.002; from 0.006 it reached
     * only 200 after one epoch).
     */
    public static double defaultLearningRate(Optimizer optimizer, boolean classFactored, boolean minibatches) {
        return switch (optimizer) {
            case SGD -> DEFAULT_LEARNING_RATE;
            case ADAGRAD -> 0.05;
            case ADAM -> classFactored || minibatches ? 0.006 : 0.004;
        };
    }

    /** How each rule's rate moves by default with the full softmax and per-sentence updates. */
    public static LearningRateSchedule defaultSchedule(Optimizer optimizer) {
        return defaultSchedule(optimizer, false);
    }

    public static LearningRateSchedule defaultSchedule(Optimizer optimizer, boolean classFactored) {
        return defaultSchedule(optimizer, classFactored, false);
    }

    /** How each rule's rate moves by default: Adam's ({@link #defaultLearningRate}) falls linearly to 0; the rest stay constant. */
    public static LearningRateSchedule defaultSchedule(Optimizer optimizer, boolean classFactored, boolean minibatches) {
        return optimizer == Optimizer.ADAM ? LearningRateSchedule.LINEAR : LearningRateSchedule.CONSTANT;
    }
    public static final String W = "W";
    public static final String V = "V";
    /** The class layer of a class-factored model, N x H. */
    public static final String X = "X";
    /** The output bias of a full-softmax model that has one, C. */
    public static final String B = "b";
    /** g in s_t = g(U[:, x_t] + W s_{t-1}): tanh, for training and generation alike. */
    public static final Activation ACTIVATION = Activation.TANH;

    private final Parameters parameters;
    private final int vocabularySize;
    private final int hiddenSize;
    private final int bpttTruncate;
    /** Null for the full softmax. */
    private final WordClasses classes;

    private RnnLanguageModel(Parameters parameters, int bpttTruncate, WordClasses classes) {
        INDArray u = parameters.get(U);
        INDArray w = parameters.get(W);
        INDArray v = parameters.get(V);
        this.hiddenSize = (int) u.size(0);
        this.vocabularySize = (int) u.size(1);
        requireShape(W, w, hiddenSize, hiddenSize);
        requireShape(V, v, vocabularySize, hiddenSize);
        if (u.rank() != 2) throw new IllegalArgumentException("U must be a matrix, got shape " + java.util.Arrays.toString(u.shape()));
        if (classes != null) {
            if (classes.vocabularySize() != vocabularySize) {
                throw new IllegalArgumentException("the word classes cover " + classes.vocabularySize() + " words, U has " + vocabularySize);
            }
            requireShape(X, parameters.get(X), classes.classes(), hiddenSize);
            if (parameters.names().contains(B)) throw new IllegalArgumentException("an output bias needs the full softmax");
        }
        if (parameters.names().contains(B)) {
            INDArray b = parameters.get(B);
            if (b.rank() != 1 || b.length() != vocabularySize) {
                throw new IllegalArgumentException(B + " has shape " + java.util.Arrays.toString(b.shape()) + ", expected [" + vocabularySize + "] to match U");
            }
        }
        this.parameters = parameters;
        this.bpttTruncate = bpttTruncate;
        this.classes = classes;
    }

    private static void requireShape(String name, INDArray a, long rows, long cols) {
        if (a.rank() != 2 || a.size(0) != rows || a.size(1) != cols) {
            throw new IllegalArgumentException(name + " has shape " + java.util.Arrays.toString(a.shape())
                    + ", expected [" + rows + ", " + cols + "] to match U");
        }
    }

    /** Uniform in [-sqrt(1/n), sqrt(1/n)] with n = C for U and H for W and V, drawn in row-major order from one seeded stream. */
    public static RnnLanguageModel initialize(int vocabularySize, int hiddenSize, int bpttTruncate, Dtype dtype, long seed) {
        return initialize(vocabularySize, hiddenSize, bpttTruncate, dtype, seed, null);
    }

    /**
     * With classes (null: the full softmax) X is drawn after U, W and V, uniform with n = H, so
     * U, W and V are the same values as a full-softmax model of the same seed.
     */
    public static RnnLanguageModel initialize(int vocabularySize, int hiddenSize, int bpttTruncate, Dtype dtype, long seed,
                                              WordClasses classes) {
        return initialize(vocabularySize, hiddenSize, bpttTruncate, dtype, seed, classes, false);
    }

    /** As above, with an output bias b of zeros when {@code outputBias} (drawing nothing: U, W and V stay the same values). */
    public static RnnLanguageModel initialize(int vocabularySize, int hiddenSize, int bpttTruncate, Dtype dtype, long seed,
                                              WordClasses classes, boolean outputBias) {
        Random random = new Random(seed);
        LinkedHashMap<String, INDArray> arrays = new LinkedHashMap<>();
        arrays.put(U, uniform(random, hiddenSize, vocabularySize, vocabularySize, dtype).dup('f'));
        arrays.put(W, uniform(random, hiddenSize, hiddenSize, hiddenSize, dtype));
        arrays.put(V, uniform(random, vocabularySize, hiddenSize, hiddenSize, dtype));
        if (classes != null) arrays.put(X, uniform(random, classes.classes(), hiddenSize, hiddenSize, dtype));
        if (outputBias) arrays.put(B, Nd4j.zeros(dtype.nd4j(), vocabularySize));
        return new RnnLanguageModel(new Parameters(dtype, arrays), bpttTruncate, classes);
    }

    /**
     * A new model's output bias from the vocabulary's counts: {@code b_w = log((n_w + 1) / (N + C))},
     * each word's add-one share of the N counted tokens, so training starts from the unigram model.
     * Sets b in place and returns this model.
     */
    public RnnLanguageModel withUnigramBias(long[] counts) {
        if (!hasOutputBias()) throw new IllegalStateException("the model has no output bias");
        if (counts.length != vocabularySize) throw new IllegalArgumentException(counts.length + " counts for " + vocabularySize + " words");
        long total = 0;
        for (long n : counts) total += n;
        double[] b = new double[vocabularySize];
        for (int w = 0; w < b.length; w++) b[w] = Math.log((counts[w] + 1.0) / (total + vocabularySize));
        parameters.get(B).assign(Nd4j.createFromArray(b).castTo(dtype().nd4j()));
        return this;
    }

    private static INDArray uniform(Random random, int rows, int cols, int fanIn, Dtype dtype) {
        double bound = Math.sqrt(1.0 / fanIn);
        double[] values = new double[rows * cols];
        for (int i = 0; i < values.length; i++) values[i] = (2 * random.nextDouble() - 1) * bound;
        return Nd4j.create(values, new long[] {rows, cols}, 'c').castTo(dtype.nd4j());
    }

    /** Wraps loaded or received parameters of a full-softmax model, taking the sizes from the arrays. */
    public static RnnLanguageModel of(Parameters parameters, int bpttTruncate) {
        return of(parameters, bpttTruncate, null);
    }

    /** As {@link #of(Parameters, int)}; with classes the parameters must hold X too; b is kept when there is one. */
    public static RnnLanguageModel of(Parameters parameters, int bpttTruncate, WordClasses classes) {
        LinkedHashMap<String, INDArray> arrays = new LinkedHashMap<>();
        arrays.put(U, columnMajor(parameters.get(U)));
        arrays.put(W, rowMajor(parameters.get(W)));
        arrays.put(V, rowMajor(parameters.get(V)));
        if (classes != null) arrays.put(X, rowMajor(parameters.get(X)));
        if (parameters.names().contains(B)) arrays.put(B, rowMajor(parameters.get(B)));
        return new RnnLanguageModel(new Parameters(parameters.dtype(), arrays), bpttTruncate, classes);
    }

    private static INDArray columnMajor(INDArray a) {
        return a.ordering() == 'f' && !a.isView() ? a : a.dup('f');
    }

    private static INDArray rowMajor(INDArray a) {
        return a.ordering() == 'c' && !a.isView() ? a : a.dup('c');
    }

    public Parameters parameters() {
        return parameters;
    }

    public int vocabularySize() {
        return vocabularySize;
    }

    public int hiddenSize() {
        return hiddenSize;
    }

    public int bpttTruncate() {
        return bpttTruncate;
    }

    public Dtype dtype() {
        return parameters.dtype();
    }

    /** The word classes of a class-factored output, or null for the full softmax. */
    public WordClasses classes() {
        return classes;
    }

    public boolean isClassFactored() {
        return classes != null;
    }

    /** Whether the output has a bias b (opt-in; the tutorial's model has none). */
    public boolean hasOutputBias() {
        return parameters.names().contains(B);
    }

    /** The sizes the per-sentence math needs. */
    public LanguageModelSpec spec() {
        return new LanguageModelSpec(vocabularySize, hiddenSize, bpttTruncate, dtype(), classes, hasOutputBias());
    }

    public RnnLanguageModel withParameters(Parameters p) {
        return of(p, bpttTruncate, classes);
    }

    /** The same weights with another truncation. */
    public RnnLanguageModel withTruncation(int truncate) {
        return of(parameters, truncate, classes);
    }
}
