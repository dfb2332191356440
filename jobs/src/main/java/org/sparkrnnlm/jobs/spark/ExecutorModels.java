package org.sparkrnnlm.jobs.spark;

import org.sparkrnnlm.core.train.ExampleGradient;
import org.sparkrnnlm.core.train.ModelSpec;

/**
 * The per-thread engine an executor reuses across tasks, so buffers are allocated once per JVM
 * thread and not once per round.
 */
final class ExecutorModels {
    private static final ThreadLocal<Entry> CACHE = new ThreadLocal<>();

    private record Entry(ModelSpec<?> spec, ExampleGradient<?> math) {
    }

    private ExecutorModels() {
    }

    @SuppressWarnings("unchecked")
    static <E> ExampleGradient<E> math(ModelSpec<E> spec) {
        Entry e = CACHE.get();
        if (e == null || !e.spec.equals(spec)) {
            e = new Entry(spec, spec.newGradient());
            CACHE.set(e);
        }
        return (ExampleGradient<E>) e.math;
    }
}
