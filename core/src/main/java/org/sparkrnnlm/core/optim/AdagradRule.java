package org.sparkrnnlm.core.optim;

import java.util.List;

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
}
