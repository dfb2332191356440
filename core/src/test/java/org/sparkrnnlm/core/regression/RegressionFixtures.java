package org.sparkrnnlm.core.regression;

import java.util.LinkedHashMap;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sparkrnnlm.core.rnn.Activation;
import org.sparkrnnlm.core.tensor.Dtype;
import org.sparkrnnlm.core.tensor.Parameters;

/** Small regression models with weights large enough to make every gradient entry matter, and random sequences. */
final class RegressionFixtures {
    static final int INPUTS = 3;
    static final int HIDDEN = 5;
    static final int OUTPUTS = 2;

    private RegressionFixtures() {
    }

    static RegressionSpec spec(Activation g, boolean everyStep, int truncate, Dtype dtype) {
        return new RegressionSpec(INPUTS, HIDDEN, OUTPUTS, truncate, g, everyStep, dtype);
    }

    /** Every weight and bias uniform in [-0.8, 0.8]. */
    static RnnRegressionModel model(RegressionSpec spec, long seed) {
        Random r = new Random(seed);
        LinkedHashMap<String, INDArray> arrays = new LinkedHashMap<>();
        arrays.put(RnnRegressionModel.W_UH, random(r, spec.dtype(), spec.hiddenSize(), spec.inputSize()));
        arrays.put(RnnRegressionModel.W_HH, random(r, spec.dtype(), spec.hiddenSize(), spec.hiddenSize()));
        arrays.put(RnnRegressionModel.W_HY, random(r, spec.dtype(), spec.outputSize(), spec.hiddenSize()));
        arrays.put(RnnRegressionModel.B_H, random(r, spec.dtype(), spec.hiddenSize()));
        arrays.put(RnnRegressionModel.B_Y, random(r, spec.dtype(), spec.outputSize()));
        return RnnRegressionModel.of(spec, new Parameters(spec.dtype(), arrays));
    }

    private static INDArray random(Random r, Dtype dtype, long... shape) {
        double[] v = new double[(int) java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
        for (int i = 0; i < v.length; i++) v[i] = 1.6 * r.nextDouble() - 0.8;
        return Nd4j.create(v, shape, 'c').castTo(dtype.nd4j());
    }

    static Sequence sequence(RegressionSpec spec, int steps, long seed) {
        Random r = new Random(seed);
        double[] inputs = new double[steps * spec.inputSize()];
        for (int i = 0; i < inputs.length; i++) inputs[i] = 2 * r.nextDouble() - 1;
        double[] target = new double[spec.targets(new Sequence(steps, spec.inputSize(), inputs, new double[1])) * spec.outputSize()];
        for (int i = 0; i < target.length; i++) target[i] = 2 * r.nextDouble() - 1;
        return new Sequence(steps, spec.inputSize(), inputs, target);
    }

    static double[][] rows(double[] flat, int width) {
        double[][] m = new double[flat.length / width][width];
        for (int i = 0; i < m.length; i++) System.arraycopy(flat, i * width, m[i], 0, width);
        return m;
    }

    static double[][] matrix(INDArray a) {
        INDArray m = a.rank() == 1 ? a.reshape(1, a.length()) : a;
        double[][] out = new double[(int) m.size(0)][(int) m.size(1)];
        for (int i = 0; i < out.length; i++) for (int j = 0; j < out[0].length; j++) out[i][j] = m.getDouble(i, j);
        return out;
    }

    static RegressionReference reference(RnnRegressionModel model) {
        Parameters p = model.parameters();
        RegressionSpec s = model.spec();
        return new RegressionReference(matrix(p.get(RnnRegressionModel.W_UH)), matrix(p.get(RnnRegressionModel.W_HH)),
                matrix(p.get(RnnRegressionModel.W_HY)), matrix(p.get(RnnRegressionModel.B_H))[0],
                matrix(p.get(RnnRegressionModel.B_Y))[0], s.activation(), s.outputEveryStep(),
                s.bpttTruncate() == RegressionSpec.FULL_BPTT ? Integer.MAX_VALUE : s.bpttTruncate());
    }

    /** The engine's gradient of one sequence, summed into zeros. */
    static Parameters engineGradient(RnnRegressionModel model, Sequence s) {
        Parameters grad = model.parameters().zerosLike();
        new RegressionGradient(model.spec()).accumulate(s, model.parameters(), grad, 1.0);
        return grad;
    }
}
