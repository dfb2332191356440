package org.sparkrnnlm.core.rnn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparkrnnlm.core.tensor.NdBuffers;
import org.sparkrnnlm.core.tensor.SmallGemm;

/**
 * The hidden recurrence both models share: {@code s_t = g(a_t + W s_{t-1})}, {@code s_{-1} = 0}, where
 * the model supplies the input term {@code a_t} ({@code U[:, x_t]} for the language model,
 * {@code W_uh u_t + b_h} for regression).
 *
 * <p>Hidden-size work is plain Java over reused heap buffers: an ND4J op per step would cost more
 * than the arithmetic. Sums run in double; in float mode every stored state is rounded to float,
 * so the model is a float32 model whose dot products are accumulated exactly enough.
 */
public final class RecurrentLayer {
    final int hidden;
    final Activation activation;
    final boolean single;
    /** A float32 model's tanh need not be exact in double: {@link FastTanh}. */
    private final boolean fastTanh;
    /** W row-major and its transpose, copied from the parameters once per sequence. */
    final double[] w;
    final double[] wt;
    /** Row t of each is step t: the input term a_t and the state s_t. */
    double[] inputs = new double[0];
    double[] states = new double[0];
    int steps;

    public RecurrentLayer(int hidden, Activation activation, boolean single) {
        this.hidden = hidden;
        this.activation = activation;
        this.single = single;
        this.fastTanh = single && activation == Activation.TANH;
        this.w = new double[hidden * hidden];
        this.wt = new double[hidden * hidden];
    }

    /** Makes room for {@code steps} time steps and takes a copy of the recurrent weights. */
    public void begin(int steps, INDArray recurrentWeights) {
        this.steps = steps;
        int need = steps * hidden;
        if (states.length < need) {
            inputs = new double[Math.max(need, 2 * states.length)];
            states = new double[inputs.length];
        }
        weights(recurrentWeights);
    }

    /** Takes a copy of the recurrent weights W for the steps that follow; {@link #begin} calls it. */
    public void weights(INDArray recurrentWeights) {
        NdBuffers.read(recurrentWeights, 0, w, 0, w.length);
        for (int i = 0; i < hidden; i++) {
            for (int j = 0; j < hidden; j++) wt[j * hidden + i] = w[i * hidden + j];
        }
    }

    /** The buffer the model fills with a_t at row t before {@link #forward()}. */
    public double[] inputs() {
        return inputs;
    }

    /** Row t holds s_t after {@link #forward()}. */
    public double[] states() {
        return states;
    }

    public int steps() {
        return steps;
    }

    public int hidden() {
        return hidden;
    }

    public void forward() {
        for (int t = 0; t < steps; t++) step(t);
    }

    /** s_t = g(a_t + W s_{t-1}) over the layer's own buffers. */
    void step(int t) {
        int row = t * hidden;
        step(inputs, row, t > 0 ? states : null, row - hidden, states, row);
    }

    /**
     * One step outside the sequence buffers, as generation takes it: {@code next = g(a + W previous)}
     * with {@code a} the {@code hidden} values of {@code input} from {@code from}, and W from the last
     * {@link #weights}. The same arithmetic as a step of {@link #forward()}; {@code next} must not be
     * {@code previous}.
     */
    public void step(double[] input, int from, double[] previous, double[] next) {
        step(input, from, previous, 0, next, 0);
    }

    /** out[row..] = g(input[from..] + W previous[prev..]) (no W term when previous is null). */
    private void step(double[] input, int from, double[] previous, int prev, double[] out, int row) {
        System.arraycopy(input, from, out, row, hidden);
        if (previous != null) SmallGemm.multiply(1, hidden, hidden, previous, prev, 0, 1, wt, 0, hidden, out, row, 0, true);
        if (fastTanh) {
            for (int i = 0; i < hidden; i++) out[row + i] = (float) FastTanh.apply(out[row + i]);
        } else {
            for (int i = 0; i < hidden; i++) out[row + i] = round(activation.apply(out[row + i]));
        }
    }

    double round(double v) {
        return single ? (float) v : v;
    }
}
