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
 * c_{t,j-1}) * g'(s_{t-j})}, is one small GEMM instead of T matrix-vector products. Below
 * {@link #GEMM_MIN_HIDDEN} units an ND4J call costs more than its arithmetic, so small layers
 * carry in plain Java instead, skipping rows that hold no error (a single-output sequence has one).
 */
public final class TruncatedBptt {
    /** The hidden size from which GEMM beats plain Java loops on this machine's per-call overhead. */
    public static final int GEMM_MIN_HIDDEN = 32;
    private final RecurrentLayer layer;
    private final boolean gemm;
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
    private INDArray stateRows;
    private double[] recurrentGrad = new double[0];
    private final double[] carryRow;
    private int capacity;

    public TruncatedBptt(RecurrentLayer layer) {
        this(layer, layer.hidden >= GEMM_MIN_HIDDEN);
    }

    /** Chooses the path explicitly, so tests can hold both to the same results. */
    TruncatedBptt(RecurrentLayer layer, boolean gemm) {
        this.gemm = gemm;
        this.layer = layer;
        this.carryRow = new double[layer.hidden];
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
        if (gemm) {
            chainRows = Nd4j.create(type, capacity, hidden);
            carried = Nd4j.create(type, capacity, hidden);
            deltaRows = Nd4j.create(type, capacity, hidden);
            stateRows = Nd4j.create(type, capacity, hidden);
        }
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
            if (gemm) {
                NdBuffers.write(chainRows, 0, chain, lag * hidden, rows * hidden);
                Nd4j.gemm(rows(chainRows, 0, rows), recurrentWeights, rows(carried, 0, rows), false, false, 1.0, 0.0);
                NdBuffers.read(carried, 0, chain, lag * hidden, rows * hidden);
            } else {
                carryInJava(lag * hidden, rows);
            }
            atPreActivation(chain, lag * hidden, 0, rows);
        }
    }

    /** chain rows [from/H, from/H + rows) := themselves times W, with W's heap copy from the layer. */
    private void carryInJava(int from, int rows) {
        double[] w = layer.w;
        double[] row = carryRow;
        for (int r = 0; r < rows; r++) {
            int at = from + r * hidden;
            java.util.Arrays.fill(row, 0.0);
            boolean any = false;
            for (int i = 0; i < hidden; i++) {
                double c = chain[at + i];
                if (c == 0.0) continue;
                any = true;
                for (int k = 0; k < hidden; k++) row[k] += c * w[i * hidden + k];
            }
            if (any) System.arraycopy(row, 0, chain, at, hidden);
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

    /**
     * target += scale * sum_{i>=1} dz_i s_{i-1}^T: one GEMM, dZ[1:]^T S[:-1], straight into W (row-major),
     * or for small layers a plain loop and one rounding per entry.
     */
    public void accumulateRecurrentWeights(INDArray target, double scale) {
        int steps = layer.steps;
        if (steps < 2) return;
        if (gemm) {
            NdBuffers.write(deltaRows, 0, deltas, 0, steps * hidden);
            NdBuffers.write(stateRows, 0, layer.states, 0, steps * hidden);
            Nd4j.gemm(rows(deltaRows, 1, steps), rows(stateRows, 0, steps - 1), target, true, false, scale, 1.0);
            return;
        }
        if (recurrentGrad.length != hidden * hidden) recurrentGrad = new double[hidden * hidden];
        java.util.Arrays.fill(recurrentGrad, 0.0);
        double[] s = layer.states;
        for (int t = 1; t < steps; t++) {
            for (int i = 0; i < hidden; i++) {
                double d = deltas[t * hidden + i];
                if (d == 0.0) continue;
                for (int j = 0; j < hidden; j++) recurrentGrad[i * hidden + j] += d * s[(t - 1) * hidden + j];
            }
        }
        NdBuffers.addScaled(target, 0, recurrentGrad, 0, recurrentGrad.length, scale);
    }

    private static INDArray rows(INDArray buffer, int from, int to) {
        return from == 0 && to == buffer.size(0) ? buffer : buffer.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
    }
}
