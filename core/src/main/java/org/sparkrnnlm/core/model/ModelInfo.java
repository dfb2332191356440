package org.sparkrnnlm.core.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.sparkrnnlm.core.store.ModelFormatException;

/**
 * model.json: what a model is and how far its training got, one record per kind of model. The
 * {@code kind} field names the record; files written before there were two kinds have none and
 * are language models.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind",
        defaultImpl = LanguageModelInfo.class)
@JsonSubTypes({
    @JsonSubTypes.Type(value = LanguageModelInfo.class, name = LanguageModelInfo.KIND),
    @JsonSubTypes.Type(value = RegressionModelInfo.class, name = RegressionModelInfo.KIND)})
@JsonIgnoreProperties(ignoreUnknown = true)
public sealed interface ModelInfo permits LanguageModelInfo, RegressionModelInfo {

    ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    @JsonIgnore
    String kind();

    int hiddenSize();

    int bpttTruncate();

    String dtype();

    double learningRate();

    int epoch();

    long examplesSeen();

    List<double[]> lossHistory();

    Map<String, String> checksums();

    ModelInfo withChecksums(Map<String, String> arrays);

    @JsonIgnore
    default Progress progress() {
        return new Progress(learningRate(), epoch(), examplesSeen(), lossHistory());
    }

    default void write(OutputStream out) throws IOException {
        JSON.writerFor(ModelInfo.class).writeValue(out, this);
    }

    static ModelInfo read(InputStream in) throws IOException {
        try {
            return JSON.readValue(in, ModelInfo.class);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new ModelFormatException("model.json is not valid: " + e.getOriginalMessage());
        }
    }

    static List<double[]> history(List<double[]> h) {
        return h == null ? List.of() : List.copyOf(h);
    }

    static Map<String, String> sums(Map<String, String> m) {
        return m == null ? Map.of() : new TreeMap<>(m);
    }

    /** How far training got: the part of model.json that changes as a model trains. */
    record Progress(double learningRate, int epoch, long examplesSeen, List<double[]> lossHistory) {
        /** A model no training has touched yet, with the rate its kind starts from. */
        public static Progress untrained(double learningRate) {
            return new Progress(learningRate, 0, 0, List.of());
        }
    }
}
