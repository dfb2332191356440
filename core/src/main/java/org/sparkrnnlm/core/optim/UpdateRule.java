package org.sparkrnnlm.core.optim;

import java.io.Serializable;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparkrnnlm.core.tensor.Parameters;
import org.sparkrnnlm.core.optim.SparseRuns;

/**
 * An update rule applied to a gradient: {@code theta} and the rule's state arrays live together in
 * one {@link Parameters} (see {@link OptimizerState}), so broadcasting, averaging and checkpoints
 * carry the state with the weights. Where a gradient is sparse only its runs are updated, state
 * included (Adam's "lazy" form; for Adagrad it is exact).
 */
public abstract class UpdateRule implements Serializable {
    private static final long serialVersionUID = 1L;

    public static UpdateRule of(OptimizerSettings settings) {
        return switch (settings.optimizer()) {
            case SGD -> new SgdRule();
            case ADAGRAD -> new AdagradRule(settings.epsilon());
            case ADAM -> new AdamRule(settings.beta1(), settings.beta2(), settings.epsilon());
        };
    }

    /** The state arrays kept per model array, as suffixes of its name ("U.adam_m"). */
    abstract List<String> stateSuffixes();

    /** Whether the rule counts its steps (in {@link OptimizerState#STEPS}). */
    boolean countsSteps() {
        return false;
    }

    /** Called once per step before the arrays are updated, with the step's number (1 for the first). */
    void begin(double step) {
    }

    /** Updates elements [from, to) of one array: theta, its gradient (times scale) and its state arrays. */
    abstract void update(Elements theta, Elements gradient, Elements[] state, int from, int to, double lr, double scale);

    /**
     * One step: every array of {@code gradient} (scaled by {@code scale}) updates the array of the
     * same name in {@code all} and its state; {@code sparse} (may be null) limits one array to runs.
     */
    public final void step(Parameters all, Parameters gradient, SparseRuns sparse, double lr, double scale) {
        if (countsSteps()) {
            INDArray steps = all.get(OptimizerState.STEPS);
            double step = steps.getDouble(0) + 1;
            steps.putScalar(0, step);
            begin(step);
        }
        List<String> suffixes = stateSuffixes();
        for (String name : gradient.names()) {
            Elements theta = Elements.of(all.get(name));
            Elements g = Elements.of(gradient.get(name));
            Elements[] state = new Elements[suffixes.size()];
            for (int k = 0; k < state.length; k++) state[k] = Elements.of(all.get(OptimizerState.stateName(name, suffixes.get(k))));
            if (sparse != null && sparse.array().equals(name)) {
                int w = sparse.width();
                for (int index : sparse.indices()) update(theta, g, state, index * w, index * w + w, lr, scale);
            } else {
                update(theta, g, state, 0, Math.toIntExact(all.get(name).length()), lr, scale);
            }
        }
    }
}
