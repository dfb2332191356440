package org.sparkrnnlm.core.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * model.json of a language model. {@code softmax} is "class" for a class-factored output and
 * absent (null) for the full softmax, so full-softmax models write and read model.json as before;
 * {@code outputBias} is written only when true, for the same reason.
 */
public record LanguageModelInfo(int vocabularySize, int hiddenSize, int bpttTruncate, String dtype, double learningRate, int epoch,
                                long examplesSeen, List<double[]> lossHistory, Map<String, String> checksums,
                                @JsonInclude(JsonInclude.Include.NON_NULL) String softmax,
                                @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean outputBias) implements ModelInfo {
    public static final String KIND = "language_model";
    public static final String CLASS_SOFTMAX = "class";
    public static final String FULL_SOFTMAX = "full";

    public LanguageModelInfo {
        lossHistory = ModelInfo.history(lossHistory);
        checksums = ModelInfo.sums(checksums);
        if (FULL_SOFTMAX.equals(softmax)) softmax = null;
        if (softmax != null && !softmax.equals(CLASS_SOFTMAX)) {
            throw new IllegalArgumentException("softmax is '" + softmax + "', expected " + FULL_SOFTMAX + " or " + CLASS_SOFTMAX);
        }
    }

    public LanguageModelInfo(int vocabularySize, int hiddenSize, int bpttTruncate, String dtype, Progress p, boolean classFactored,
                             boolean outputBias) {
        this(vocabularySize, hiddenSize, bpttTruncate, dtype, p.learningRate(), p.epoch(), p.examplesSeen(), p.lossHistory(), null,
                classFactored ? CLASS_SOFTMAX : null, outputBias);
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** Whether the output is class-factored. */
    @JsonIgnore
    public boolean isClassFactored() {
        return softmax != null;
    }

    /** "full" or "class", for messages and run identities. */
    @JsonIgnore
    public String softmaxName() {
        return softmax != null ? softmax : FULL_SOFTMAX;
    }

    @Override
    public LanguageModelInfo withChecksums(Map<String, String> arrays) {
        return new LanguageModelInfo(vocabularySize, hiddenSize, bpttTruncate, dtype, learningRate, epoch, examplesSeen, lossHistory,
                arrays, softmax, outputBias);
    }
}
