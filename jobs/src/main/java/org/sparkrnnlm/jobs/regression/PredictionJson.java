package org.sparkrnnlm.jobs.regression;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.sparkrnnlm.core.regression.Sequence;

/**
 * One line of predict's output: the input row as read, with the prediction next to it in the
 * target's shape ({@code [y...]} after the last step, {@code [[y...], ...]} at every step).
 */
public final class PredictionJson {
    private static final JsonFactory JSON = new JsonFactory();

    private PredictionJson() {
    }

    public static String line(Sequence s, double[] prediction, int outputs, boolean everyStep) {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(text)) {
            g.writeStartObject();
            g.writeFieldName("inputs");
            rows(g, s.inputs(), s.inputSize(), true);
            if (s.hasTarget()) {
                g.writeFieldName("target");
                rows(g, s.target(), outputs, everyStep);
            }
            g.writeFieldName("prediction");
            rows(g, prediction, outputs, everyStep);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** A flat row-major array as rows of {@code width}, or as one flat list. */
    private static void rows(JsonGenerator g, double[] values, int width, boolean nested) throws IOException {
        g.writeStartArray();
        for (int row = 0; row < values.length; row += width) {
            if (nested) g.writeStartArray();
            for (int i = row; i < Math.min(values.length, row + width); i++) g.writeNumber(values[i]);
            if (nested) g.writeEndArray();
        }
        g.writeEndArray();
    }
}
