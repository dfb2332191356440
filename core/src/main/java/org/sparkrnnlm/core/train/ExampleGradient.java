package org.sparkrnnlm.core.train;

import java.util.Set;
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
     * Writes the example's gradient into {@code gradient} and returns the loss: the arrays named by
     * {@link #overwrites()} are overwritten whole, every other array is added into (it must be zero
     * where the example writes). Spares a per-example optimizer a pass zeroing a large dense array.
     */
    default double gradient(E example, Parameters parameters, Parameters gradient) {
        return accumulate(example, parameters, gradient, 1.0);
    }

    /** The arrays {@link #gradient} overwrites whole (none by default). */
    default Set<String> overwrites() {
        return Set.of();
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
