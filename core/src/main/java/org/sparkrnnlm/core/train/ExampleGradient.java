package org.sparkrnnlm.core.train;

import org.sparkrnnlm.core.optim.GradientProducts;
import org.sparkrnnlm.core.tensor.Parameters;

/**
 * The per-example math of a model (a sentence for the language model, a sequence for regression):
 * its loss, and its gradient added into a target with a scale. With the parameters themselves as
 * target and scale {@code -lr} that is an SGD step in place; with zeros and scale 1 it sums
 * gradients. Implementations hold reused buffers: one instance per thread.
 */
public interface ExampleGradient<E> {

    /** The example's loss, summed over its targets. */
    double loss(E example, Parameters parameters);

    /**
     * Adds {@code scale * dL/dtheta} into {@code target} (which may be {@code parameters}) and
     * returns the loss, computed before the update.
     */
    double accumulate(E example, Parameters parameters, Parameters target, double scale);

    /**
     * Adds the example's gradient into the zeroed {@code target}, except for the arrays the model leaves
     * as products in {@code products} (their arrays in target stay as they are); returns the loss. By
     * default every array goes into target.
     */
    default double gradient(E example, Parameters parameters, Parameters target, GradientProducts products) {
        return accumulate(example, parameters, target, 1.0);
    }

    /**
     * Adds {@code scale} times the summed gradient of {@code batch} into {@code target} (not
     * {@code parameters}) and returns each example's loss. Models override it to batch their work.
     */
    default double[] accumulateBatch(java.util.List<E> batch, Parameters parameters, Parameters target, double scale) {
        double[] losses = new double[batch.size()];
        for (int i = 0; i < losses.length; i++) losses[i] = accumulate(batch.get(i), parameters, target, scale);
        return losses;
    }
}
