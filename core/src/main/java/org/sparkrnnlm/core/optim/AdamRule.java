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
    void update(Elements theta, Elements gradient, Elements[] state, int from, int to, double lr, double scale) {
        Elements m = state[0];
        Elements v = state[1];
        for (int i = from; i < to; i++) {
            double g = scale * gradient.get(i);
            double mi = beta1 * m.get(i) + (1 - beta1) * g;
            double vi = beta2 * v.get(i) + (1 - beta2) * g * g;
            m.set(i, mi);
            v.set(i, vi);
            theta.set(i, theta.get(i) - lr * (mi / correction1) / (Math.sqrt(vi / correction2) + epsilon));
        }
    }
}
