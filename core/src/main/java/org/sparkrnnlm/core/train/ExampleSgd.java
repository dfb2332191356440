package org.sparkrnnlm.core.train;

import java.util.Iterator;
import org.sparkrnnlm.core.tensor.Parameters;

/** The update rule of both tutorials: one SGD step per example, {@code theta -= lr * grad}, in input order. */
public final class ExampleSgd<E> {
    private final ModelSpec<E> spec;
    private final ExampleGradient<E> math;

    public ExampleSgd(ModelSpec<E> spec) {
        this(spec, spec.newGradient());
    }

    /** Shares an engine (and its buffers) that the caller keeps, e.g. one per executor thread. */
    public ExampleSgd(ModelSpec<E> spec, ExampleGradient<E> math) {
        this.spec = spec;
        this.math = math;
    }

    /** Updates {@code parameters} in place over at most {@code limit} examples; returns their pre-step losses. */
    public LossTotals run(Iterator<E> examples, long limit, Parameters parameters, double learningRate) {
        LossTotals seen = new LossTotals();
        for (long n = 0; n < limit && examples.hasNext(); n++) {
            E example = examples.next();
            seen.add(math.accumulate(example, parameters, parameters, -learningRate), spec.targets(example));
        }
        return seen;
    }
}
