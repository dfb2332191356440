package org.sparkrnnlm.core.model;

import java.util.List;
import java.util.Map;

/** model.json of a sequence-regression model. */
public record RegressionModelInfo(int inputSize, int hiddenSize, int outputSize, String activation, boolean outputEveryStep,
                                  int bpttTruncate, String dtype, double learningRate, int epoch, long examplesSeen,
                                  List<double[]> lossHistory, Map<String, String> checksums) implements ModelInfo {
    public static final String KIND = "sequence_regression";

    public RegressionModelInfo {
        lossHistory = ModelInfo.history(lossHistory);
        checksums = ModelInfo.sums(checksums);
    }

    public RegressionModelInfo(int inputSize, int hiddenSize, int outputSize, String activation, boolean outputEveryStep,
                               int bpttTruncate, String dtype, Progress p) {
        this(inputSize, hiddenSize, outputSize, activation, outputEveryStep, bpttTruncate, dtype, p.learningRate(), p.epoch(),
                p.examplesSeen(), p.lossHistory(), null);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public RegressionModelInfo withChecksums(Map<String, String> arrays) {
        return new RegressionModelInfo(inputSize, hiddenSize, outputSize, activation, outputEveryStep, bpttTruncate, dtype,
                learningRate, epoch, examplesSeen, lossHistory, arrays);
    }
}
