package org.sparkrnnlm.core.regression;

import java.util.Arrays;
import org.sparkrnnlm.core.rnn.RecurrentLayer;
import org.sparkrnnlm.core.rnn.TruncatedBptt;
import org.sparkrnnlm.core.tensor.Dtype;
import org.sparkrnnlm.core.tensor.NdBuffers;
import org.sparkrnnlm.core.tensor.Parameters;
import org.sparkrnnlm.core.train.ExampleGradient;

/**
 * The per-sequence math of regression. Forward: {@code h_t = g(W_hh h_{t-1} + W_uh u_t + b_h)}
 * through the shared {@link RecurrentLayer}, then {@code y_t = W_hy h_t + b_y} at the output steps
 * (the last, or every one). Cost: the squared error averaged over the K outputs, summed over output
 * steps (the second tutorial's {@code ((t - y)**2).mean()} for one output step). Backward:
 * {@code dy = 2 (y - t) / K}, {@code dL/dh_t = W_hy^T dy_t}, then the shared {@link TruncatedBptt}
 * gives the deltas dz_t, from which {@code dW_uh = sum dz_t u_t^T}, {@code db_h = sum dz_t}, and W_hh.
 *
 * <p>Every size here is small, so the math is plain Java over copies of the parameters; all
 * gradients are formed before any parameter changes, so the target may be the parameters.
 */
public final class RegressionGradient implements ExampleGradient<Sequence> {
    private final RegressionSpec spec;
    private final int in;
    private final int hidden;
    private final int out;
    private final boolean single;
    private final RecurrentLayer layer;
    private final TruncatedBptt bptt;
    private final double[] inputWeights;
    private final double[] hiddenBias;
    private final double[] outputWeights;
    private final double[] outputBias;
    private final double[] inputWeightGrad;
    private final double[] hiddenBiasGrad;
    private final double[] outputWeightGrad;
    private final double[] outputBiasGrad;
    /** Row r: y at the r-th output step, then dL/dy there. */
    private double[] outputs = new double[0];
    private double[] errors = new double[0];

    public RegressionGradient(RegressionSpec spec) {
        this.spec = spec;
        this.in = spec.inputSize();
        this.hidden = spec.hiddenSize();
        this.out = spec.outputSize();
        this.single = spec.dtype() == Dtype.FLOAT;
        this.layer = new RecurrentLayer(hidden, spec.activation(), single);
        this.bptt = new TruncatedBptt(layer);
        this.inputWeights = new double[hidden * in];
        this.hiddenBias = new double[hidden];
        this.outputWeights = new double[out * hidden];
        this.outputBias = new double[out];
        this.inputWeightGrad = new double[hidden * in];
        this.hiddenBiasGrad = new double[hidden];
        this.outputWeightGrad = new double[out * hidden];
        this.outputBiasGrad = new double[out];
    }

    @Override
    public double loss(Sequence sequence, Parameters parameters) {
        requireTarget(sequence);
        forward(sequence, parameters);
        return squaredError(sequence, false);
    }

    /** The predictions: K values per output step, row-major (a fresh array). */
    public double[] predict(Sequence sequence, Parameters parameters) {
        int rows = forward(sequence, parameters);
        return Arrays.copyOf(outputs, rows * out);
    }

    @Override
    public double accumulate(Sequence sequence, Parameters parameters, Parameters target, double scale) {
        requireTarget(sequence);
        forward(sequence, parameters);
        double loss = squaredError(sequence, true);
        hiddenErrors(sequence);
        bptt.backward(spec.lags());
        inputGradients(sequence);
        bptt.accumulateRecurrentWeights(target.get(RnnRegressionModel.W_HH), scale);
        add(target, RnnRegressionModel.W_UH, inputWeightGrad, scale);
        add(target, RnnRegressionModel.B_H, hiddenBiasGrad, scale);
        add(target, RnnRegressionModel.W_HY, outputWeightGrad, scale);
        add(target, RnnRegressionModel.B_Y, outputBiasGrad, scale);
        return loss;
    }

    /** Runs the recurrence and the output layer; returns the number of output steps. */
    private int forward(Sequence s, Parameters p) {
        String mismatch = spec.mismatch(s);
        if (mismatch != null) throw new IllegalArgumentException("the sequence does not fit the model: " + mismatch);
        read(p, RnnRegressionModel.W_UH, inputWeights);
        read(p, RnnRegressionModel.B_H, hiddenBias);
        read(p, RnnRegressionModel.W_HY, outputWeights);
        read(p, RnnRegressionModel.B_Y, outputBias);
        int steps = s.steps();
        layer.begin(steps, p.get(RnnRegressionModel.W_HH));
        inputTerms(s, layer.inputs());
        layer.forward();
        int rows = spec.targets(s);
        ensureCapacity(rows);
        double[] h = layer.states();
        for (int r = 0; r < rows; r++) {
            int t = outputStep(r, steps);
            for (int k = 0; k < out; k++) {
                double y = outputBias[k];
                for (int i = 0; i < hidden; i++) y += outputWeights[k * hidden + i] * h[t * hidden + i];
                outputs[r * out + k] = round(y);
            }
        }
        return rows;
    }

    /** a_t = W_uh u_t + b_h, row t of the layer's input buffer. */
    private void inputTerms(Sequence s, double[] a) {
        double[] u = s.inputs();
        for (int t = 0; t < s.steps(); t++) {
            for (int i = 0; i < hidden; i++) {
                double sum = hiddenBias[i];
                for (int j = 0; j < in; j++) sum += inputWeights[i * in + j] * u[t * in + j];
                a[t * hidden + i] = sum;
            }
        }
    }

    /** The cost, and with {@code keepErrors} dL/dy in {@code errors} and the output-layer gradients. */
    private double squaredError(Sequence s, boolean keepErrors) {
        int rows = spec.targets(s);
        double[] target = s.target();
        double cost = 0;
        if (keepErrors) {
            Arrays.fill(outputWeightGrad, 0.0);
            Arrays.fill(outputBiasGrad, 0.0);
        }
        double[] h = layer.states();
        for (int r = 0; r < rows; r++) {
            int t = outputStep(r, s.steps());
            for (int k = 0; k < out; k++) {
                double diff = outputs[r * out + k] - target[r * out + k];
                cost += diff * diff / out;
                if (!keepErrors) continue;
                double e = round(2 * diff / out);
                errors[r * out + k] = e;
                outputBiasGrad[k] += e;
                for (int i = 0; i < hidden; i++) outputWeightGrad[k * hidden + i] += e * h[t * hidden + i];
            }
        }
        return cost;
    }

    /** dL/dh_t = W_hy^T dy_t at the output steps, zero elsewhere. */
    private void hiddenErrors(Sequence s) {
        double[] ds = bptt.stateGradients();
        for (int r = 0; r < spec.targets(s); r++) {
            int row = outputStep(r, s.steps()) * hidden;
            for (int i = 0; i < hidden; i++) {
                double sum = 0;
                for (int k = 0; k < out; k++) sum += outputWeights[k * hidden + i] * errors[r * out + k];
                ds[row + i] = round(sum);
            }
        }
    }

    /** dW_uh = sum_t dz_t u_t^T and db_h = sum_t dz_t. */
    private void inputGradients(Sequence s) {
        Arrays.fill(inputWeightGrad, 0.0);
        Arrays.fill(hiddenBiasGrad, 0.0);
        double[] dz = bptt.deltas();
        double[] u = s.inputs();
        for (int t = 0; t < s.steps(); t++) {
            for (int i = 0; i < hidden; i++) {
                double d = dz[t * hidden + i];
                hiddenBiasGrad[i] += d;
                for (int j = 0; j < in; j++) inputWeightGrad[i * in + j] += d * u[t * in + j];
            }
        }
    }

    private static void requireTarget(Sequence s) {
        if (!s.hasTarget()) throw new IllegalArgumentException("the sequence has no target to learn from or score against");
    }

    private int outputStep(int row, int steps) {
        return spec.outputEveryStep() ? row : steps - 1;
    }

    private double round(double v) {
        return single ? (float) v : v;
    }

    private static void read(Parameters p, String name, double[] into) {
        NdBuffers.read(p.get(name), 0, into, 0, into.length);
    }

    private static void add(Parameters target, String name, double[] gradient, double scale) {
        NdBuffers.addScaled(target.get(name), 0, gradient, 0, gradient.length, scale);
    }

    private void ensureCapacity(int rows) {
        if (outputs.length < rows * out) {
            outputs = new double[Math.max(rows * out, 2 * outputs.length)];
            errors = new double[outputs.length];
        }
    }
}
