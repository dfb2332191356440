package org.sparkrnnlm.core.rnn;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparkrnnlm.core.tensor.NdBuffers;
import org.sparkrnnlm.core.tensor.SmallGemm;

/**
 * Backpropagation through time, truncated as the tutorial defines it: the error of output t
 * flows back through step t and at most {@code truncate} earlier steps, and the sequence gradient
 * is the sum over t. Given {@code dL/ds_t} from the output layer, it yields for every step i the
 * summed pre-activation delta {@code dz_i}, from which each model forms its input gradients;
 * {@code dW = sum_i dz_i s_{i-1}^T} is formed here because both models share W.
 *
 * <p>The carries run lag by lag rather than output by output: at lag j the errors of all outputs
 * t >= j sit in the rows of one matrix, so carrying them one step back, {@code c_{t,j} = (W^T
 * c_{t,j-1}) * g'(s_{t-j})}, is one small matrix product ({@link SmallGemm}) instead of T
 * matrix-vector products.
 */
public final class TruncatedBptt {
    private final RecurrentLayer layer;
    private final int hidden;
    /** Row t: dL/ds_t on input. */
    private double[] stateGrads = new double[0];
    /** Row i: dz_i, the summed deltas at step i's pre-activation. */
    private double[] deltas = new double[0];
    /** Row t: the error of output t at the current lag. */
    private double[] chain = new double[0];
    /** The chain rows times W, before they replace the chain. */
    private double[] carried = new double[0];
    private final double[] recurrentGrad;
    private int capacity;

    public TruncatedBptt(RecurrentLayer layer) {
        this.layer = layer;
        this.hidden = layer.hidden;
        this.recurrentGrad = new double[hidden * hidden];
    }

    /** The buffer the model fills with dL/ds_t at row t, zeroed for the layer's current length. */
    public double[] stateGradients() {
        int steps = layer.steps;
        if (steps > capacity) grow(steps);
        Arrays.fill(stateGrads, 0, steps * hidden, 0.0);
        return stateGrads;
    }

    private void grow(int steps) {
        capacity = Math.max(steps, Math.max(64, 2 * capacity));
        stateGrads = new double[capacity * hidden];
        deltas = new double[capacity * hidden];
        chain = new double[capacity * hidden];
        carried = new double[capacity * hidden];
    }

    /** Row i holds dz_i after {@link #backward}. */
    public double[] deltas() {
        return deltas;
    }

    /** dz_i = sum over outputs t in [i, i + truncate] of the error of output t carried back to step i. */
    public void backward(int truncate) {
        int steps = layer.steps;
        Arrays.fill(deltas, 0, steps * hidden, 0.0);
        atPreActivation(stateGrads, 0, 0, steps);
        int lags = Math.min(truncate, steps - 1);
        int first = firstErrorRow(steps);
        for (int lag = 1; lag <= lags; lag++) {
            // Errors of outputs lag..T-1, one row each, times W: row form of W^T c. Rows before the
            // first output with an error stay zero (a sequence scored only at its end has one row).
            int from = Math.max(lag, first);
            int rows = steps - from;
            if (rows <= 0) break;
            SmallGemm.multiply(rows, hidden, hidden, chain, from * hidden, hidden, 1, layer.w, 0, hidden,
                    carried, 0, hidden, false);
            System.arraycopy(carried, 0, chain, from * hidden, rows * hidden);
            atPreActivation(chain, from * hidden, from - lag, rows);
        }
    }

    /** The first output row with a nonzero dL/ds. */
    private int firstErrorRow(int steps) {
        for (int k = 0; k < steps * hidden; k++) {
            if (stateGrads[k] != 0.0) return k / hidden;
        }
        return steps;
    }

    /**
     * For r in [0, rows): chain row (from/H + r) := source row * g'(s_{step0 + r}), rounded to the
     * model's type, and added into dz_{step0 + r}.
     */
    private void atPreActivation(double[] source, int from, int step0, int rows) {
        double[] s = layer.states;
        Activation g = layer.activation;
        for (int r = 0; r < rows; r++) {
            int in = from + r * hidden;
            int at = (step0 + r) * hidden;
            for (int k = 0; k < hidden; k++) {
                double c = layer.round(source[in + k] * g.derivativeAtOutput(s[at + k]));
                chain[in + k] = c;
                deltas[at + k] += c;
            }
        }
        if (layer.single) {
            for (int k = step0 * hidden; k < (step0 + rows) * hidden; k++) deltas[k] = (float) deltas[k];
        }
    }

    /** target += scale * sum_{i>=1} dz_i s_{i-1}^T (dZ[1:]^T S[:-1]), summed in double and rounded once per entry. */
    public void accumulateRecurrentWeights(INDArray target, double scale) {
        int steps = layer.steps;
        if (steps < 2) return;
        SmallGemm.multiply(hidden, hidden, steps - 1, deltas, hidden, 1, hidden, layer.states, 0, hidden,
                recurrentGrad, 0, hidden, false);
        NdBuffers.addScaled(target, 0, recurrentGrad, 0, recurrentGrad.length, scale);
    }
}
