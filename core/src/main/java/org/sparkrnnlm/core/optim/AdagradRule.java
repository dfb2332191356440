package org.sparkrnnlm.core.optim;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparkrnnlm.core.tensor.VectorSupport;

/** G += g^2; theta -= lr * g / (sqrt(G) + eps). */
final class AdagradRule extends UpdateRule {
    private static final long serialVersionUID = 1L;
    private final double epsilon;

    AdagradRule(double epsilon) {
        this.epsilon = epsilon;
    }

    @Override
    List<String> stateSuffixes() {
        return List.of("adagrad_sum");
    }

    @Override
    void update(double[] theta, double[] gradient, double[][] state, int n, double lr, double scale) {
        double[] sum = state[0];
        for (int i = 0; i < n; i++) {
            double g = scale * gradient[i];
            sum[i] += g * g;
            theta[i] -= lr * g / (Math.sqrt(sum[i]) + epsilon);
        }
    }

    @Override
    boolean updatesFloats() {
        return true;
    }

    @Override
    int updateFloatsInPlace(INDArray theta, float[] gradient, INDArray[] state, int offset, int length, double lr, double scale) {
        if (!VectorSupport.available()) return 0;
        return VectorAdagrad.update(theta, gradient, state[0], offset, length, (float) lr, (float) epsilon, (float) scale);
    }

    /** The same rule in float arithmetic, each operation rounded to float as a float model's own Adagrad would. */
    @Override
    void updateFloats(float[] theta, float[] gradient, float[][] state, int n, double lr, double scale) {
        float[] sum = state[0];
        float rate = (float) lr;
        float eps = (float) epsilon;
        float s = (float) scale;
        for (int i = 0; i < n; i++) {
            float g = s * gradient[i];
            sum[i] += g * g;
            theta[i] -= g * rate / ((float) Math.sqrt(sum[i]) + eps);
        }
    }
}
