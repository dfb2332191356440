package org.sparkrnnlm.core.regression;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sparkrnnlm.core.optim.Optimizer;
import org.sparkrnnlm.core.tensor.Parameters;

/**
 * The second tutorial's model: {@code h_t = g(W_hh h_{t-1} + W_uh u_t + b_h)}, {@code y = W_hy h_T + b_y}
 * (or y_t at every step), with W_uh (H x I), W_hh (H x H), W_hy (K x H), b_h (H), b_y (K), all
 * row-major as in params.npz. The shapes follow the equations (column vectors), so in numpy
 * {@code h = g(W_hh @ h + W_uh @ u + b_h)}.
 */
public final class RnnRegressionModel {
    public static final String W_UH = "W_uh";
    public static final String W_HH = "W_hh";
    public static final String W_HY = "W_hy";
    public static final String B_H = "b_h";
    public static final String B_Y = "b_y";
    public static final List<String> ARRAYS = List.of(W_UH, W_HH, W_HY, B_H, B_Y);
    /** The tutorial's initial weight scale. */
    public static final double INIT_SCALE = 0.01;
    /** The recipe that learns the dot-product task (see the README), used where a command gives none. */
    public static final int DEFAULT_HIDDEN = 16;
    public static final double DEFAULT_LEARNING_RATE = 0.03;

    /** The learning rate each update rule starts from by default on the dot-product task. */
    public static double defaultLearningRate(Optimizer optimizer) {
        return switch (optimizer) {
            case SGD -> DEFAULT_LEARNING_RATE;
            case ADAGRAD -> 0.1;
            case ADAM -> 0.003;
        };
    }

    private final RegressionSpec spec;
    private final Parameters parameters;

    private RnnRegressionModel(RegressionSpec spec, Parameters parameters) {
        this.spec = spec;
        this.parameters = parameters;
    }

    /** Weights normal(0, 0.01) drawn W_uh, W_hh, W_hy in row-major order from one seeded stream; biases zero. */
    public static RnnRegressionModel initialize(RegressionSpec spec, long seed) {
        Random random = new Random(seed);
        int i = spec.inputSize();
        int h = spec.hiddenSize();
        int k = spec.outputSize();
        LinkedHashMap<String, INDArray> arrays = new LinkedHashMap<>();
        arrays.put(W_UH, normal(random, spec, h, i));
        arrays.put(W_HH, normal(random, spec, h, h));
        arrays.put(W_HY, normal(random, spec, k, h));
        arrays.put(B_H, Nd4j.zeros(spec.dtype().nd4j(), h));
        arrays.put(B_Y, Nd4j.zeros(spec.dtype().nd4j(), k));
        return new RnnRegressionModel(spec, new Parameters(spec.dtype(), arrays));
    }

    private static INDArray normal(Random random, RegressionSpec spec, int rows, int cols) {
        double[] values = new double[rows * cols];
        for (int n = 0; n < values.length; n++) values[n] = INIT_SCALE * random.nextGaussian();
        return Nd4j.create(values, new long[] {rows, cols}, 'c').castTo(spec.dtype().nd4j());
    }

    /** Wraps loaded or received parameters after checking them against the spec. */
    public static RnnRegressionModel of(RegressionSpec spec, Parameters parameters) {
        if (parameters.dtype() != spec.dtype()) {
            throw new IllegalArgumentException("parameters are " + parameters.dtype() + ", the model is " + spec.dtype());
        }
        int i = spec.inputSize();
        int h = spec.hiddenSize();
        int k = spec.outputSize();
        LinkedHashMap<String, INDArray> arrays = new LinkedHashMap<>();
        arrays.put(W_UH, shaped(parameters, W_UH, h, i));
        arrays.put(W_HH, shaped(parameters, W_HH, h, h));
        arrays.put(W_HY, shaped(parameters, W_HY, k, h));
        arrays.put(B_H, shaped(parameters, B_H, h));
        arrays.put(B_Y, shaped(parameters, B_Y, k));
        return new RnnRegressionModel(spec, new Parameters(spec.dtype(), arrays));
    }

    private static INDArray shaped(Parameters p, String name, long... shape) {
        INDArray a = p.get(name);
        if (!java.util.Arrays.equals(a.shape(), shape)) {
            throw new IllegalArgumentException(name + " has shape " + java.util.Arrays.toString(a.shape()) + ", expected "
                    + java.util.Arrays.toString(shape));
        }
        return a.ordering() == 'c' && !a.isView() ? a : a.dup('c');
    }

    public RegressionSpec spec() {
        return spec;
    }

    public Parameters parameters() {
        return parameters;
    }

    public RnnRegressionModel withParameters(Parameters p) {
        return of(spec, p);
    }

    public String summary() {
        return String.format("inputs %d, hidden %d, outputs %d, %s, output %s, %s BPTT", spec.inputSize(), spec.hiddenSize(),
                spec.outputSize(), spec.activation().name().toLowerCase(java.util.Locale.ROOT),
                spec.outputEveryStep() ? "at every step" : "after the last step",
                spec.bpttTruncate() == RegressionSpec.FULL_BPTT ? "full" : "truncated at " + spec.bpttTruncate());
    }
}
