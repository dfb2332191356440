package org.sparkrnnlm.core.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The GEMM carries and the plain-Java carries for small layers compute the same deltas and dW. */
class TruncatedBpttPathsTest {

    @ParameterizedTest(name = "H={0} T={1} truncate={2} sparse={3}")
    @CsvSource({"7,9,3,false", "7,9,100,true", "40,12,4,false", "40,6,100,true", "3,1,2,false"})
    void bothPathsGiveTheSameDeltasAndRecurrentGradient(int hidden, int steps, int truncate, boolean onlyLastOutput) {
        Random r = new Random(hidden * 31L + steps);
        INDArray w = Nd4j.rand(DataType.DOUBLE, hidden, hidden).subi(0.5);
        double[] inputs = new double[steps * hidden];
        for (int i = 0; i < inputs.length; i++) inputs[i] = r.nextGaussian();
        double[] grads = new double[steps * hidden];
        for (int i = onlyLastOutput ? (steps - 1) * hidden : 0; i < grads.length; i++) grads[i] = r.nextGaussian();
        Result gemm = run(true, hidden, steps, truncate, w, inputs, grads);
        Result java = run(false, hidden, steps, truncate, w, inputs, grads);
        for (int i = 0; i < steps * hidden; i++) assertEquals(gemm.deltas[i], java.deltas[i], 1e-12, "dz[" + i + "]");
        assertEquals(0.0, gemm.dw.sub(java.dw).amaxNumber().doubleValue(), 1e-12);
    }

    private record Result(double[] deltas, INDArray dw) {
    }

    private static Result run(boolean gemm, int hidden, int steps, int truncate, INDArray w, double[] inputs, double[] grads) {
        RecurrentLayer layer = new RecurrentLayer(hidden, Activation.TANH, false);
        TruncatedBptt bptt = new TruncatedBptt(layer, gemm);
        layer.begin(steps, w);
        System.arraycopy(inputs, 0, layer.inputs(), 0, inputs.length);
        layer.forward();
        System.arraycopy(grads, 0, bptt.stateGradients(), 0, grads.length);
        bptt.backward(truncate, w);
        INDArray dw = Nd4j.zeros(DataType.DOUBLE, hidden, hidden);
        bptt.accumulateRecurrentWeights(dw, 1.0);
        return new Result(bptt.deltas().clone(), dw);
    }
}
