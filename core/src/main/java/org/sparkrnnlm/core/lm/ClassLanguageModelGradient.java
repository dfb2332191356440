package org.sparkrnnlm.core.lm;

import org.sparkrnnlm.core.tensor.Parameters;
import org.sparkrnnlm.core.train.ExampleGradient;

/**
 * The per-sentence math of a class-factored language model: {@code -log P(y_t | s_t)} is the class
 * term {@code -log softmax(X s_t)[c(y_t)]} plus the word term {@code -log softmax(V_c(y_t) s_t)[y_t]}
 * (each a {@link BlockSoftmax}: all N rows of X, the target class's rows of V); dL/ds_t is the sum
 * of both and flows back through the same truncated BPTT as the full softmax's. Same contract as
 * {@link LanguageModelGradient}: in place with scale {@code -lr}, or summed into zeros.
 * Holds reused buffers: one instance per thread.
 */
public final class ClassLanguageModelGradient implements ExampleGradient<int[]> {
    private final WordClasses classes;
    private final SentenceRecurrence recurrence;
    private final BlockSoftmax classLayer;
    private final BlockSoftmax wordLayer;
    /** Per step: the blocks' first rows, sizes and the target's place in them (class layer, then word layer). */
    private int[] classFirst = new int[0];
    private int[] classSize = new int[0];
    private int[] classTarget = new int[0];
    private int[] wordFirst = new int[0];
    private int[] wordSize = new int[0];
    private int[] wordTarget = new int[0];
    /** Nanoseconds spent in the recurrence, the class layer and the word layer; null unless {@link #timeParts} was called. */
    private long[] partNanos;

    public ClassLanguageModelGradient(LanguageModelSpec spec) {
        if (spec.classes() == null) throw new IllegalArgumentException("a full-softmax model needs LanguageModelGradient");
        this.classes = spec.classes();
        this.recurrence = new SentenceRecurrence(spec);
        this.classLayer = new BlockSoftmax(RnnLanguageModel.X, spec.hiddenSize(), spec.dtype());
        this.wordLayer = new BlockSoftmax(RnnLanguageModel.V, spec.hiddenSize(), spec.dtype());
    }

    @Override
    public double loss(int[] ids, Parameters parameters) {
        int steps = forward(ids, parameters);
        if (steps == 0) return 0.0;
        double[] s = recurrence.states();
        return classLayer.apply(classFirst, classSize, classTarget, steps, s, parameters, null, 0, null)
                + wordLayer.apply(wordFirst, wordSize, wordTarget, steps, s, parameters, null, 0, null);
    }

    @Override
    public double accumulate(int[] ids, Parameters parameters, Parameters target, double scale) {
        long t0 = clock();
        int steps = forward(ids, parameters);
        if (steps == 0) return 0.0;
        double[] s = recurrence.states();
        double[] ds = recurrence.stateGradients();
        long t1 = clock();
        double loss = classLayer.apply(classFirst, classSize, classTarget, steps, s, parameters, target, scale, ds);
        long t2 = clock();
        loss += wordLayer.apply(wordFirst, wordSize, wordTarget, steps, s, parameters, target, scale, ds);
        long t3 = clock();
        recurrence.backward(ids, parameters, target, scale, steps);
        if (partNanos != null) {
            partNanos[0] += (t1 - t0) + (clock() - t3);
            partNanos[1] += t2 - t1;
            partNanos[2] += t3 - t2;
        }
        return loss;
    }

    /** The recurrence, then each step's blocks: X whole with the target's class, the class's rows of V with the word. */
    private int forward(int[] ids, Parameters parameters) {
        int steps = recurrence.forward(ids, parameters);
        if (classFirst.length < steps) grow(steps);
        for (int t = 0; t < steps; t++) {
            int y = ids[t + 1];
            int c = classes.classOf(y);
            classFirst[t] = 0;
            classSize[t] = classes.classes();
            classTarget[t] = c;
            wordFirst[t] = classes.start(c);
            wordSize[t] = classes.end(c) - classes.start(c);
            wordTarget[t] = classes.row(y) - classes.start(c);
        }
        return steps;
    }

    private void grow(int steps) {
        int n = Math.max(steps, 2 * classFirst.length);
        classFirst = new int[n];
        classSize = new int[n];
        classTarget = new int[n];
        wordFirst = new int[n];
        wordSize = new int[n];
        wordTarget = new int[n];
    }

    private long clock() {
        return partNanos != null ? System.nanoTime() : 0;
    }

    /** From now on, {@link #accumulate} records the time each part takes (for the benchmark's shares). */
    public void timeParts() {
        partNanos = new long[3];
    }

    /** Nanoseconds in the recurrence (forward and BPTT), the class layer and the word layer since {@link #timeParts}. */
    public long[] partNanos() {
        return partNanos.clone();
    }
}
