package org.sparkrnnlm.core.io;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/** model.json: what a model is and how far its training got. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelInfo(String kind, int vocabularySize, int hiddenSize, int bpttTruncate, String dtype,
                        double learningRate, int epoch, long examplesSeen, List<double[]> lossHistory,
                        java.util.Map<String, String> checksums) {

    public static final String LANGUAGE_MODEL = "language_model";

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public ModelInfo {
        lossHistory = lossHistory == null ? List.of() : List.copyOf(lossHistory);
        checksums = checksums == null ? java.util.Map.of() : new java.util.TreeMap<>(checksums);
    }

    public ModelInfo withChecksums(java.util.Map<String, String> arrays) {
        return new ModelInfo(kind, vocabularySize, hiddenSize, bpttTruncate, dtype, learningRate, epoch, examplesSeen, lossHistory, arrays);
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
