package org.sparkrnnlm.jobs.regression;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import org.sparkrnnlm.core.regression.Sequence;
import org.sparkrnnlm.jobs.hadoop.LineBytes;
import org.sparkrnnlm.jobs.hadoop.LineParser;

/**
 * Turns one JSON line {@code {"inputs": [[u_0...], ...], "target": ...}} into a Sequence or a
 * rejection. Checks run cheapest first: length, UTF-8, one streaming pass of Jackson (no tree),
 * then the sizes. Other fields are skipped. Not thread-safe (buffers are reused): one per reader.
 */
final class SequenceLineParser implements LineParser<SequenceRecord> {
    /** NaN and Infinity are read as numbers so that they are rejected as not finite, not as malformed. */
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final long maxRecordBytes;
    private final SequenceShape expected;
    /** Prediction reads rows without target too. */
    private final boolean targetOptional;
    private boolean hasTarget;
    private final LineBytes lines = new LineBytes();
    private final NumberGrid inputs = new NumberGrid();
    private final NumberGrid target = new NumberGrid();

    /** expected: the sizes rows must have; its open parts accept any size. */
    SequenceLineParser(long maxRecordBytes, SequenceShape expected, boolean targetOptional) {
        this.targetOptional = targetOptional;
        this.maxRecordBytes = maxRecordBytes;
        this.expected = expected;
    }

    @Override
    public SequenceRecord parse(byte[] bytes, int length, Source source) {
        // Length first: an over-long line holds only its first bytes, which could all be blanks.
        if (length > maxRecordBytes) return reject(SequenceRejectReason.TOO_LONG, bytes, length, source);
        if (LineBytes.isBlank(bytes, length)) return null;
        if (!lines.isValidUtf8(bytes, length)) return reject(SequenceRejectReason.INVALID_UTF8, bytes, length, source);
        SequenceRejectReason problem = read(bytes, length);
        if (problem == null) problem = checkSizes();
        if (problem != null) return reject(problem, bytes, length, source);
        Sequence sequence = new Sequence(inputs.rows(), inputs.rowLength(), inputs.values(), hasTarget ? target.values() : new double[0]);
        SequenceRecord record = SequenceRecord.good(sequence, !hasTarget ? null : target.isRows() ? TargetForm.EVERY_STEP : TargetForm.LAST_STEP);
        SequenceRejectReason misfit = expected.mismatch(record.shape());
        return misfit == null ? record : reject(misfit, bytes, length, source);
    }

    /** Streams the object into the two grids; the first problem in line order, or null. */
    private SequenceRejectReason read(byte[] bytes, int length) {
        boolean hasInputs = false;
        hasTarget = false;
        SequenceRejectReason problem = null;
        try (JsonParser p = JSON.createParser(bytes, 0, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return SequenceRejectReason.MALFORMED_JSON;
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (name.equals("inputs")) {
                    hasInputs = true;
                    inputs.read(p, false);
                    if (problem == null) problem = inputs.problem();
                } else if (name.equals("target")) {
                    hasTarget = true;
                    target.read(p, true);
                    if (problem == null) problem = target.problem();
                } else {
                    p.skipChildren(); // a no-op for scalars; steps over nested objects and arrays
                }
            }
            // Truncated objects and anything after the object (a second value) are malformed too.
            if (t != JsonToken.END_OBJECT || p.nextToken() != null) return SequenceRejectReason.MALFORMED_JSON;
        } catch (IOException | RuntimeException e) {
            return SequenceRejectReason.MALFORMED_JSON;
        }
        if (!hasInputs) return SequenceRejectReason.MISSING_INPUTS;
        if (!hasTarget && !targetOptional) return SequenceRejectReason.MISSING_TARGET;
        return problem;
    }

    /** What a well-formed row of numbers can still get wrong on its own. */
    private SequenceRejectReason checkSizes() {
        if (inputs.isEmpty()) return SequenceRejectReason.EMPTY_INPUTS;
        if (!hasTarget) return null;
        if (target.isEmpty()) return SequenceRejectReason.EMPTY_TARGET;
        if (target.isRows() && target.rows() != inputs.rows()) return SequenceRejectReason.TARGET_STEPS;
        return null;
    }

    private static SequenceRecord reject(SequenceRejectReason reason, byte[] bytes, int length, Source source) {
        return SequenceRecord.rejected(reason, LineBytes.rawStart(bytes, length), source.describe());
    }
}
