package org.sparkrnnlm.core.model;

import java.util.List;
import java.util.Map;

/** model.json of a language model. */
public record LanguageModelInfo(int vocabularySize, int hiddenSize, int bpttTruncate, String dtype, double learningRate, int epoch,
                                long examplesSeen, List<double[]> lossHistory, Map<String, String> checksums) implements ModelInfo {
    public static final String KIND = "language_model";

    public LanguageModelInfo {
        lossHistory = ModelInfo.history(lossHistory);
        checksums = ModelInfo.sums(checksums);
    }

    public LanguageModelInfo(int vocabularySize, int hiddenSize, int bpttTruncate, String dtype, Progress p) {
        this(vocabularySize, hiddenSize, bpttTruncate, dtype, p.learningRate(), p.epoch(), p.examplesSeen(), p.lossHistory(), null);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public LanguageModelInfo withChecksums(Map<String, String> arrays) {
        return new LanguageModelInfo(vocabularySize, hiddenSize, bpttTruncate, dtype, learningRate, epoch, examplesSeen, lossHistory,
                arrays);
    }
}
