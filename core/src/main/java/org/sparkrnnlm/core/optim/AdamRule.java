package org.sparkrnnlm.core.optim;

import java.util.List;

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
}
