package org.sparkrnnlm.core.model;

import org.sparkrnnlm.core.store.ModelFormatException;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * model.json: what a model is and how far its training got. The language model has a vocabulary
 * size; the regression model has input and output sizes, its activation and output placement.
 * Absent fields are left out of the file.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelInfo(String kind, Integer vocabularySize, Integer inputSize, int hiddenSize, Integer outputSize,
                        String activation, Boolean outputEveryStep, int bpttTruncate, String dtype,
                        double learningRate, int epoch, long examplesSeen, List<double[]> lossHistory,
                        Map<String, String> checksums) {

    public static final String LANGUAGE_MODEL = "language_model";
    public static final String SEQUENCE_REGRESSION = "sequence_regression";

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public ModelInfo {
        lossHistory = lossHistory == null ? List.of() : List.copyOf(lossHistory);
        checksums = checksums == null ? Map.of() : new TreeMap<>(checksums);
    }

    /** How far training got: the part of model.json that changes as a model trains. */
    public record Progress(double learningRate, int epoch, long examplesSeen, List<double[]> lossHistory) {
        public static final Progress UNTRAINED = new Progress(0.005, 0, 0, List.of());
    }

    public static ModelInfo languageModel(int vocabularySize, int hiddenSize, int bpttTruncate, String dtype, Progress p) {
        return new ModelInfo(LANGUAGE_MODEL, vocabularySize, null, hiddenSize, null, null, null, bpttTruncate, dtype,
                p.learningRate(), p.epoch(), p.examplesSeen(), p.lossHistory(), null);
    }

    public static ModelInfo regression(int inputSize, int hiddenSize, int outputSize, String activation, boolean everyStep,
                                       int bpttTruncate, String dtype, Progress p) {
        return new ModelInfo(SEQUENCE_REGRESSION, null, inputSize, hiddenSize, outputSize, activation, everyStep, bpttTruncate,
                dtype, p.learningRate(), p.epoch(), p.examplesSeen(), p.lossHistory(), null);
    }

    public Progress progress() {
        return new Progress(learningRate, epoch, examplesSeen, lossHistory);
    }

    public ModelInfo withChecksums(Map<String, String> arrays) {
        return new ModelInfo(kind, vocabularySize, inputSize, hiddenSize, outputSize, activation, outputEveryStep, bpttTruncate,
                dtype, learningRate, epoch, examplesSeen, lossHistory, arrays);
    }

    public void write(OutputStream out) throws IOException {
        JSON.writeValue(out, this);
    }

    public static ModelInfo read(InputStream in) throws IOException {
        try {
            return JSON.readValue(in, ModelInfo.class);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new ModelFormatException("model.json is not valid: " + e.getOriginalMessage());
        }
    }
}
