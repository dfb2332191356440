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
    void update(Elements theta, Elements gradient, Elements[] state, int from, int to, double lr, double scale) {
        for (int i = from; i < to; i++) theta.set(i, theta.get(i) - lr * (scale * gradient.get(i)));
    }
}
