package org.sparkrnnlm.core.rnn;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparkrnnlm.core.tensor.NdBuffers;

/**
 * Backpropagation through time, truncated as the tutorial defines it: the error of output t
 * flows back through step t and at most {@code truncate} earlier steps, and the sequence gradient
 * is the sum over t. Given {@code dL/ds_t} from the output layer, it yields for every step i the
 * summed pre-activation delta {@code dz_i}, from which each model forms its input gradients;
 * {@code dW = sum_i dz_i s_{i-1}^T} is formed here because both models share W.
 */
public final class TruncatedBptt {
    private final RecurrentLayer layer;
    private final int hidden;
    /** Row t: dL/ds_t on input, then dz_t (the summed deltas at step t's pre-activation). */
    private double[] stateGrads = new double[0];
    private double[] deltas = new double[0];
    private final double[] chain;
    private final double[] next;
    private final double[] dw;

    public TruncatedBptt(RecurrentLayer layer) {
        this.layer = layer;
        this.hidden = layer.hidden;
        this.chain = new double[hidden];
        this.next = new double[hidden];
        this.dw = new double[hidden * hidden];
    }

    /** The buffer the model fills with dL/ds_t at row t, zeroed for the layer's current length. */
    public double[] stateGradients() {
        int need = layer.steps * hidden;
        if (stateGrads.length < need) {
            stateGrads = new double[Math.max(need, 2 * stateGrads.length)];
            deltas = new double[stateGrads.length];
        }
        Arrays.fill(stateGrads, 0, need, 0.0);
        return stateGrads;
    }

    /** Row i holds dz_i after {@link #backward(int)}. */
    public double[] deltas() {
        return deltas;
    }

    /** Computes dz_i = sum over outputs t in [i, i + truncate] of the error of t carried back to i. */
    public void backward(int truncate) {
        int steps = layer.steps;
        Arrays.fill(deltas, 0, steps * hidden, 0.0);
        for (int t = 0; t < steps; t++) {
            int oldest = Math.max(0, t - truncate);
            atPreActivation(stateGrads, t * hidden, t, chain);
            for (int i = t; ; i--) {
                int row = i * hidden;
                for (int k = 0; k < hidden; k++) deltas[row + k] += chain[k];
                if (i == oldest) break;
                carryBack(i);
            }
        }
        if (layer.single) {
            for (int k = 0; k < steps * hidden; k++) deltas[k] = (float) deltas[k];
        }
    }

    /** chain := (W^T chain) * g'(s_{i-1}): the delta of step i carried to step i - 1. */
    private void carryBack(int i) {
        Arrays.fill(next, 0.0);
        double[] w = layer.w;
        for (int r = 0; r < hidden; r++) {
            double c = chain[r];
            int row = r * hidden;
            for (int k = 0; k < hidden; k++) next[k] += w[row + k] * c;
        }
        atPreActivation(next, 0, i - 1, chain);
    }

    /** out = grad[from..] * g'(s_step), rounded to the model's type. */
    private void atPreActivation(double[] grad, int from, int step, double[] out) {
        double[] s = layer.states;
        int row = step * hidden;
        for (int k = 0; k < hidden; k++) {
            out[k] = layer.round(grad[from + k] * layer.activation.derivativeAtOutput(s[row + k]));
        }
    }

    /** target += scale * sum_i dz_i s_{i-1}^T, with W in row-major order. */
    public void accumulateRecurrentWeights(INDArray target, double scale) {
        Arrays.fill(dw, 0.0);
        double[] s = layer.states;
        for (int i = 1; i < layer.steps; i++) {
            int drow = i * hidden;
            int srow = drow - hidden;
            for (int r = 0; r < hidden; r++) {
                double d = deltas[drow + r];
                int out = r * hidden;
                for (int k = 0; k < hidden; k++) dw[out + k] += d * s[srow + k];
            }
        }
        NdBuffers.addScaled(target, 0, dw, 0, dw.length, scale);
    }
}
