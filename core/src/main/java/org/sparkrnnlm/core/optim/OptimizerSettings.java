package org.sparkrnnlm.core.optim;

import java.io.Serializable;

/**
 * An update rule with its hyperparameters. {@code clipNorm} scales a gradient whose L2 norm is
 * above it down to that norm before the rule sees it (0: no clipping).
 */
public record OptimizerSettings(Optimizer optimizer, double beta1, double beta2, double epsilon, double clipNorm)
        implements Serializable {

    public OptimizerSettings {
        if (!(beta1 >= 0 && beta1 < 1)) throw new IllegalArgumentException("beta1 must be in [0, 1), got " + beta1);
        if (!(beta2 >= 0 && beta2 < 1)) throw new IllegalArgumentException("beta2 must be in [0, 1), got " + beta2);
        if (!(epsilon > 0)) throw new IllegalArgumentException("epsilon must be positive, got " + epsilon);
        if (!(clipNorm >= 0)) throw new IllegalArgumentException("the clipping norm must be at least 0, got " + clipNorm);
    }

    /** The tutorial's SGD, unclipped. */
    public static final OptimizerSettings SGD = new OptimizerSettings(Optimizer.SGD, 0.9, 0.999, 1e-8, 0);

    /** Each rule's defaults: betas and epsilon as their papers give them. */
    public static OptimizerSettings defaults(Optimizer optimizer) {
        return switch (optimizer) {
            case SGD -> SGD;
            case ADAGRAD -> new OptimizerSettings(Optimizer.ADAGRAD, 0.9, 0.999, 1e-8, 0);
            case ADAM -> new OptimizerSettings(Optimizer.ADAM, 0.9, 0.999, 1e-8, 0);
        };
    }

    public OptimizerSettings withClipNorm(double norm) {
        return new OptimizerSettings(optimizer, beta1, beta2, epsilon, norm);
    }

    /** Plain SGD without clipping updates in place, with no gradient buffer and no state. */
    public boolean isPlainSgd() {
        return optimizer == Optimizer.SGD && clipNorm == 0;
    }
}
