package org.sparkrnnlm.core.lm;

import org.sparkrnnlm.core.optim.SparseRuns;
import org.sparkrnnlm.core.tensor.Dtype;
import org.sparkrnnlm.core.train.ModelSpec;

/** The language model's sizes: enough to build its per-sentence math on an executor. */
public record LanguageModelSpec(int vocabularySize, int hiddenSize, int bpttTruncate, Dtype dtype) implements ModelSpec<int[]> {

    @Override
    public LanguageModelGradient newGradient() {
        return new LanguageModelGradient(this);
    }

    /** A sentence of n ids (START and END included) predicts n - 1 words. */
    @Override
    public int targets(int[] ids) {
        return Math.max(0, ids.length - 1);
    }

    /** Only the columns of U of the words read (every id but the last) get a gradient. */
    @Override
    public SparseRuns sparseRuns(int[] ids) {
        return SparseRuns.of(RnnLanguageModel.U, hiddenSize, ids, Math.max(0, ids.length - 1));
    }
}
