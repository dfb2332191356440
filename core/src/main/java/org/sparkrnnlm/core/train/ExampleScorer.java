package org.sparkrnnlm.core.train;

import org.sparkrnnlm.core.tensor.Parameters;

/** The loss of a model over examples, forward passes only. */
public final class ExampleScorer<E> {
    private final ModelSpec<E> spec;
    private final ExampleGradient<E> math;

    public ExampleScorer(ModelSpec<E> spec) {
        this(spec, spec.newGradient());
    }

    public ExampleScorer(ModelSpec<E> spec, ExampleGradient<E> math) {
        this.spec = spec;
        this.math = math;
    }

    /** One example's loss, summed over its targets: for a sentence, minus its log-probability in nats. */
    public double loss(E example, Parameters parameters) {
        return math.loss(example, parameters);
    }

    /** The loss terms of one example: the words a sentence predicts, SENTENCE_END included. */
    public int targets(E example) {
        return spec.targets(example);
    }

    public LossTotals score(Iterable<E> examples, Parameters parameters) {
        LossTotals totals = new LossTotals();
        for (E example : examples) totals.add(math.loss(example, parameters), spec.targets(example));
        return totals;
    }
}
