package org.sparkrnnlm.core.optim;

import java.util.Locale;

/** The update rules a model can train with. */
public enum Optimizer {
    /** theta -= lr * g: the tutorial's rule. */
    SGD,
    /** G += g^2; theta -= lr * g / (sqrt(G) + eps) (Duchi et al. 2011). */
    ADAGRAD,
    /** Adam (Kingma and Ba 2015) with bias correction. */
    ADAM;

    public static Optimizer parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown optimizer '" + name + "': sgd, adagrad or adam");
        }
    }

    public String lowerCase() {
        return name().toLowerCase(Locale.ROOT);
    }
}
