package org.sparkrnnlm.core.optim;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparkrnnlm.core.tensor.VectorSupport;

/**
 * Adam as Kingma and Ba's Algorithm 1 writes it: m = b1 m + (1 - b1) g, v = b2 v + (1 - b2) g^2,
 * theta -= lr * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps).
 */
final class AdamRule extends UpdateRule {
    private static final long serialVersionUID = 1L;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private transient double correction1;
    private transient double correction2;

    AdamRule(double beta1, double beta2, double epsilon) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    @Override
    List<String> stateSuffixes() {
        return List.of("adam_m", "adam_v");
    }

    @Override
    boolean countsSteps() {
        return true;
    }

    @Override
    void begin(double step) {
        correction1 = 1 - Math.pow(beta1, step);
        correction2 = 1 - Math.pow(beta2, step);
    }

    @Override
    void update(double[] theta, double[] gradient, double[][] state, int n, double lr, double scale) {
        double[] m = state[0];
        double[] v = state[1];
        // lr * (m / c1) / (sqrt(v / c2) + eps) with the divisions by c1 and c2 taken out of the loop.
        double step = lr / correction1;
        double root = 1 / Math.sqrt(correction2);
        double keep1 = 1 - beta1;
        double keep2 = 1 - beta2;
        for (int i = 0; i < n; i++) {
            double g = scale * gradient[i];
            double mi = beta1 * m[i] + keep1 * g;
            double vi = beta2 * v[i] + keep2 * g * g;
            m[i] = mi;
            v[i] = vi;
            theta[i] -= step * mi / (Math.sqrt(vi) * root + epsilon);
        }
    }

    @Override
    boolean updatesFloats() {
        return true;
    }

    /** The step's constants rounded to float, for the float forms of the rule. */
    record FloatStep(float step, float root, float beta1, float beta2, float keep1, float keep2, float epsilon, float scale) {
    }

    private FloatStep floatStep(double lr, double scale) {
        return new FloatStep((float) (lr / correction1), (float) (1 / Math.sqrt(correction2)), (float) beta1, (float) beta2,
                (float) (1 - beta1), (float) (1 - beta2), (float) epsilon, (float) scale);
    }

    @Override
    int updateFloatsInPlace(INDArray theta, float[] gradient, INDArray[] state, int offset, int length, double lr, double scale) {
        if (!VectorSupport.available()) return 0;
        return VectorAdam.update(theta, gradient, state[0], state[1], offset, length, floatStep(lr, scale));
    }

    /** The same rule in float arithmetic, each operation rounded to float as a float model's own Adam would. */
    @Override
    void updateFloats(float[] theta, float[] gradient, float[][] state, int n, double lr, double scale) {
        float[] m = state[0];
        float[] v = state[1];
        FloatStep c = floatStep(lr, scale);
        for (int i = 0; i < n; i++) {
            float g = c.scale() * gradient[i];
            float mi = c.beta1() * m[i] + c.keep1() * g;
            float vi = c.beta2() * v[i] + c.keep2() * g * g;
            m[i] = mi;
            v[i] = vi;
            theta[i] -= c.step() * mi / ((float) Math.sqrt(vi) * c.root() + c.epsilon());
        }
    }
}
