package org.sparkrnnlm.jobs.spark;

import org.sparkrnnlm.core.lm.LanguageModelGradient;
import org.sparkrnnlm.core.lm.RnnLanguageModel;
import org.sparkrnnlm.core.tensor.Parameters;

/**
 * The per-thread engine an executor reuses across tasks, so buffers are allocated once per JVM
 * thread and not once per round.
 */
final class ExecutorModels {
    private static final ThreadLocal<Entry> CACHE = new ThreadLocal<>();

    private record Entry(int words, int hidden, int truncate, String dtype, LanguageModelGradient math) {
    }

    private ExecutorModels() {
    }

    static LanguageModelGradient math(RnnLanguageModel model) {
        Entry e = CACHE.get();
        if (e == null || e.words != model.vocabularySize() || e.hidden != model.hiddenSize()
                || e.truncate != model.bpttTruncate() || !e.dtype.equals(model.dtype().name())) {
            e = new Entry(model.vocabularySize(), model.hiddenSize(), model.bpttTruncate(), model.dtype().name(),
                    new LanguageModelGradient(model));
            CACHE.set(e);
        }
        return e.math;
    }

    static RnnLanguageModel model(Parameters parameters, int truncate) {
        return RnnLanguageModel.of(parameters, truncate);
    }
}
