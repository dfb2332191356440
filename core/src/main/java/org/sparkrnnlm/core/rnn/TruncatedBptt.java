package org.sparkrnnlm.core.rnn;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.sparkrnnlm.core.tensor.NdBuffers;

/**
 * Backpropagation through time, truncated as the tutorial defines it: the error of output t
 * flows back through step t and at most {@code truncate} earlier steps, and the sequence gradient
 * is the sum over t. Given {@code dL/ds_t} from the output layer, it yields for every step i the
 * summed pre-activation delta {@code dz_i}, from which each model forms its input gradients;
 * {@code dW = sum_i dz_i s_{i-1}^T} is formed here because both models share W.
 *
 * <p>The carries run lag by lag rather than output by output: at lag j the errors of all outputs
 * t >= j sit in the rows of one matrix, so carrying them one step back, {@code c_{t,j} = (W^T
 * c_{t,j-1}) * g'(s_{t-j})}, is one small GEMM instead of T matrix-vector products.
 */
public final class TruncatedBptt {
    private final RecurrentLayer layer;
    private final int hidden;
    private final DataType type;
    /** Row t: dL/ds_t on input. */
    private double[] stateGrads = new double[0];
    /** Row i: dz_i, the summed deltas at step i's pre-activation. */
    private double[] deltas = new double[0];
    /** Row t: the error of output t at the current lag. */
    private double[] chain = new double[0];
    private INDArray chainRows;
    private INDArray carried;
    private INDArray deltaRows;
    private int capacity;

    public TruncatedBptt(RecurrentLayer layer) {
        this.layer = layer;
        this.hidden = layer.hidden;
        this.type = layer.single ? DataType.FLOAT : DataType.DOUBLE;
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
        chainRows = Nd4j.create(type, capacity, hidden);
        carried = Nd4j.create(type, capacity, hidden);
        deltaRows = Nd4j.create(type, capacity, hidden);
    }

    /** Row i holds dz_i after {@link #backward}. */
    public double[] deltas() {
        return deltas;
    }

    /** dz_i = sum over outputs t in [i, i + truncate] of the error of output t carried back to step i. */
    public void backward(int truncate, INDArray recurrentWeights) {
        int steps = layer.steps;
        Arrays.fill(deltas, 0, steps * hidden, 0.0);
        atPreActivation(stateGrads, 0, 0, steps);
        int lags = Math.min(truncate, steps - 1);
        for (int lag = 1; lag <= lags; lag++) {
            int rows = steps - lag;
            // Errors of outputs lag..T-1, one row each, times W: row form of W^T c.
            NdBuffers.write(chainRows, 0, chain, lag * hidden, rows * hidden);
            Nd4j.gemm(rows(chainRows, 0, rows), recurrentWeights, rows(carried, 0, rows), false, false, 1.0, 0.0);
            NdBuffers.read(carried, 0, chain, lag * hidden, rows * hidden);
            atPreActivation(chain, lag * hidden, 0, rows);
        }
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

    /** target += scale * sum_{i>=1} dz_i s_{i-1}^T: one GEMM, dZ[1:]^T S[:-1], straight into W. */
    public void accumulateRecurrentWeights(INDArray target, double scale, INDArray states) {
        int steps = layer.steps;
        if (steps < 2) return;
        NdBuffers.write(deltaRows, 0, deltas, 0, steps * hidden);
        Nd4j.gemm(rows(deltaRows, 1, steps), rows(states, 0, steps - 1), target, true, false, scale, 1.0);
    }

    private static INDArray rows(INDArray buffer, int from, int to) {
        return from == 0 && to == buffer.size(0) ? buffer : buffer.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
    }
}
