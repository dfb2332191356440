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
    void update(Elements theta, Elements gradient, Elements[] state, int from, int to, double lr, double scale) {
        Elements sum = state[0];
        for (int i = from; i < to; i++) {
            double g = scale * gradient.get(i);
            double s = sum.get(i) + g * g;
            sum.set(i, s);
            theta.set(i, theta.get(i) - lr * g / (Math.sqrt(s) + epsilon));
        }
    }
}
