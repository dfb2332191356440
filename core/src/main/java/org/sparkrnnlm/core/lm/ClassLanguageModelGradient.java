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
    /** Nanoseconds spent in the recurrence, the class layer and the word layer; null unless {@link #timeParts} was called. */
    private long[] partNanos;

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
        if (partNanos != null) return timedAccumulate(ids, parameters, target, scale);
        int steps = recurrence.forward(ids, parameters);
        if (steps == 0) return 0.0;
        double[] s = recurrence.states();
        double[] ds = recurrence.stateGradients();
        double loss = classLayer.apply(ids, s, steps, parameters, target, scale, ds);
        loss += wordLayer.apply(ids, s, steps, parameters, target, scale, ds);
        recurrence.backward(ids, parameters, target, scale, steps);
        return loss;
    }

    /** From now on, {@link #accumulate} records the time each part takes (for the benchmark's shares). */
    public void timeParts() {
        partNanos = new long[3];
    }

    /** Nanoseconds in the recurrence (forward and BPTT), the class layer and the word layer since {@link #timeParts}. */
    public long[] partNanos() {
        return partNanos.clone();
    }

    /** The same steps as {@link #accumulate}, with a clock read between them. */
    private double timedAccumulate(int[] ids, Parameters parameters, Parameters target, double scale) {
        long t0 = System.nanoTime();
        int steps = recurrence.forward(ids, parameters);
        if (steps == 0) return 0.0;
        double[] s = recurrence.states();
        double[] ds = recurrence.stateGradients();
        long t1 = System.nanoTime();
        double loss = classLayer.apply(ids, s, steps, parameters, target, scale, ds);
        long t2 = System.nanoTime();
        loss += wordLayer.apply(ids, s, steps, parameters, target, scale, ds);
        long t3 = System.nanoTime();
        recurrence.backward(ids, parameters, target, scale, steps);
        long t4 = System.nanoTime();
        partNanos[0] += (t1 - t0) + (t4 - t3);
        partNanos[1] += t2 - t1;
        partNanos[2] += t3 - t2;
        return loss;
    }
}
