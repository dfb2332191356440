package org.sparkrnnlm.core.lm;

import org.sparkrnnlm.core.tensor.Parameters;
import org.sparkrnnlm.core.train.ExampleGradient;

/**
 * The per-sentence math of a class-factored language model: {@code -log P(y_t | s_t)} is the class
 * term {@code -log softmax(X s_t)[c(y_t)]} ({@link ClassLayer}) plus the word term
 * {@code -log softmax(V_c(y_t) s_t)[y_t]} ({@link WordLayer}); dL/ds_t is the sum of both layers'
 * and flows back through the same truncated BPTT as the full softmax's. Same contract as
 * {@link LanguageModelGradient}: in place with scale {@code -lr}, or summed into zeros.
 * Holds reused buffers: one instance per thread.
 */
public final class ClassLanguageModelGradient implements ExampleGradient<int[]> {
    private final SentenceRecurrence recurrence;
    private final ClassLayer classLayer;
    private final WordLayer wordLayer;

    public ClassLanguageModelGradient(LanguageModelSpec spec) {
        if (spec.classes() == null) throw new IllegalArgumentException("a full-softmax model needs LanguageModelGradient");
        this.recurrence = new SentenceRecurrence(spec);
        this.classLayer = new ClassLayer(spec);
        this.wordLayer = new WordLayer(spec);
    }

    @Override
    public double loss(int[] ids, Parameters parameters) {
        int steps = recurrence.forward(ids, parameters);
        if (steps == 0) return 0.0;
        double[] s = recurrence.states();
        return classLayer.apply(ids, s, steps, parameters, null, 0, null) + wordLayer.apply(ids, s, steps, parameters, null, 0, null);
    }

    @Override
    public double accumulate(int[] ids, Parameters parameters, Parameters target, double scale) {
        int steps = recurrence.forward(ids, parameters);
        if (steps == 0) return 0.0;
        double[] s = recurrence.states();
        double[] ds = recurrence.stateGradients();
        double loss = classLayer.apply(ids, s, steps, parameters, target, scale, ds);
        loss += wordLayer.apply(ids, s, steps, parameters, target, scale, ds);
        recurrence.backward(ids, parameters, target, scale, steps);
        return loss;
    }
}
