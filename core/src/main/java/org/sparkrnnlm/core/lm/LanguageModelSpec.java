package org.sparkrnnlm.core.lm;

import org.sparkrnnlm.core.optim.SparseRuns;
import org.sparkrnnlm.core.tensor.Dtype;
import org.sparkrnnlm.core.train.ExampleGradient;
import org.sparkrnnlm.core.train.ModelSpec;

/**
 * The language model's sizes: enough to build its per-sentence math on an executor. {@code classes}
 * is null for the full softmax; with it the output is class-factored. {@code outputBias}: the full
 * softmax adds b.
 */
public record LanguageModelSpec(int vocabularySize, int hiddenSize, int bpttTruncate, Dtype dtype, WordClasses classes, boolean outputBias)
        implements ModelSpec<int[]> {

    public LanguageModelSpec {
        if (outputBias && classes != null) throw new IllegalArgumentException("an output bias needs the full softmax");
    }

    /** Without an output bias. */
    public LanguageModelSpec(int vocabularySize, int hiddenSize, int bpttTruncate, Dtype dtype, WordClasses classes) {
        this(vocabularySize, hiddenSize, bpttTruncate, dtype, classes, false);
    }

    /** A full-softmax model. */
    public LanguageModelSpec(int vocabularySize, int hiddenSize, int bpttTruncate, Dtype dtype) {
        this(vocabularySize, hiddenSize, bpttTruncate, dtype, null, false);
    }

    @Override
    public ExampleGradient<int[]> newGradient() {
        return classes == null ? new LanguageModelGradient(this) : new ClassLanguageModelGradient(this);
    }

    /** A sentence of n ids (START and END included) predicts n - 1 words. */
    @Override
    public int targets(int[] ids) {
        return Math.max(0, ids.length - 1);
    }

    /**
     * Only the columns of U of the words read (every id but the last) get a gradient; with classes,
     * also only the rows of V of the target words' classes.
     */
    @Override
    public SparseRuns sparseRuns(int[] ids) {
        SparseRuns input = SparseRuns.of(RnnLanguageModel.U, hiddenSize, ids, Math.max(0, ids.length - 1));
        return classes == null ? input : input.and(RnnLanguageModel.V, classes.targetRows(ids, hiddenSize));
    }
}
