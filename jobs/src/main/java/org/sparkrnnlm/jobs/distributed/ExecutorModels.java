package org.sparkrnnlm.jobs.distributed;

import org.sparkrnnlm.core.train.ExampleGradient;
import org.sparkrnnlm.core.train.ModelSpec;

/**
 * The per-thread engine an executor reuses across tasks, so buffers are allocated once per JVM
 * thread and not once per round.
 */
public final class ExecutorModels {
    private static final ThreadLocal<Entry> CACHE = new ThreadLocal<>();

    private record Entry(ModelSpec<?> spec, ExampleGradient<?> math) {
    }

    private ExecutorModels() {
    }

    @SuppressWarnings("unchecked")
    public static <E> ExampleGradient<E> math(ModelSpec<E> spec) {
        Entry e = CACHE.get();
        if (e == null || !e.spec.equals(spec)) {
            e = new Entry(spec, spec.newGradient());
            CACHE.set(e);
        }
        return (ExampleGradient<E>) e.math;
    }
}
