package org.sparkrnnlm.core.optim;

import java.util.List;

/** theta -= lr * g. */
final class SgdRule extends UpdateRule {
    private static final long serialVersionUID = 1L;

    @Override
    List<String> stateSuffixes() {
        return List.of();
    }

    @Override
    void update(double[] theta, double[] gradient, double[][] state, int n, double lr, double scale) {
        for (int i = 0; i < n; i++) theta[i] -= lr * (scale * gradient[i]);
    }
}
