package org.sparkrnnlm.jobs.regression;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sparkrnnlm.core.regression.Sequence;

class SequenceLineParserTest {
    private static SequenceRecord parse(String line) {
        return parse(line, SequenceShape.ANY);
    }

    private static SequenceRecord parse(String line, SequenceShape expected) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return new SequenceLineParser(1000, expected, false).parse(bytes, bytes.length, () -> "f.jsonl, byte 7");
    }

    @Test
    void arrayTargetIsOneOutputAfterTheLastStep() {
        SequenceRecord r = parse("{\"inputs\": [[1, -2.5], [3e2, 0]], \"target\": [0.25, 7], \"id\": {\"x\": [1]}}");
        assertEquals(Sequence.of(new double[][] {{1, -2.5}, {300, 0}}, new double[] {0.25, 7}), r.sequence());
        assertEquals(new SequenceShape(2, 2, TargetForm.LAST_STEP), r.shape());
    }

    @Test
    void bareNumberTargetIsOneOutputOfOneNumber() {
        SequenceRecord r = parse("{\"target\": 3.5, \"inputs\": [[1], [2], [3]]}");
        assertArrayEquals(new double[] {3.5}, r.sequence().target());
        assertEquals(new SequenceShape(1, 1, TargetForm.LAST_STEP), r.shape());
    }

    @Test
    void targetRowsAreAnOutputAtEveryStepFlattened() {
        SequenceRecord r = parse("{\"inputs\": [[1], [2], [3]], \"target\": [[1, 2], [3, 4], [5, 6]]}");
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, r.sequence().target());
        assertEquals(new SequenceShape(1, 2, TargetForm.EVERY_STEP), r.shape());
    }

    @Test
    void numbersKeepFullDoublePrecision() {
        double[] values = {0.1, 1e-300, -0.0, 123456789.123456789, Double.MIN_VALUE, Double.MAX_VALUE, 9007199254740993.0};
        StringBuilder line = new StringBuilder("{\"inputs\": [");
        for (int i = 0; i < values.length; i++) line.append(i == 0 ? "[" : ",[").append(values[i]).append(']');
        SequenceRecord r = parse(line.append("], \"target\": 1}").toString());
        assertArrayEquals(values, r.sequence().inputs());
    }

    @Test
    void blankLinesAreSkipped() {
        assertNull(parse("  \t\r"));
    }

    static Stream<Arguments> badLines() {
        return Stream.of(
                Arguments.of("{\"inputs\": [[1]], \"target\": [1]", SequenceRejectReason.MALFORMED_JSON),
                Arguments.of("not json", SequenceRejectReason.MALFORMED_JSON),
                Arguments.of("[[1], [2]]", SequenceRejectReason.MALFORMED_JSON),
                Arguments.of("{\"inputs\": [[1]], \"target\": [1]} {}", SequenceRejectReason.MALFORMED_JSON),
                Arguments.of("{\"inputs\": [[1]], \"inputs\": [[2]], \"target\": [1]}", SequenceRejectReason.MALFORMED_JSON),
                // A syntax error outranks a problem met before it.
                Arguments.of("{\"inputs\": [[\"x\"]], \"target\": [1],}", SequenceRejectReason.MALFORMED_JSON),
                Arguments.of("{\"target\": [1]}", SequenceRejectReason.MISSING_INPUTS),
                Arguments.of("{\"inputs\": [[1]]}", SequenceRejectReason.MISSING_TARGET),
                Arguments.of("{\"inputs\": [], \"target\": [1]}", SequenceRejectReason.EMPTY_INPUTS),
                Arguments.of("{\"inputs\": [[], []], \"target\": [1]}", SequenceRejectReason.EMPTY_INPUTS),
                Arguments.of("{\"inputs\": [[1]], \"target\": []}", SequenceRejectReason.EMPTY_TARGET),
                Arguments.of("{\"inputs\": [1, 2], \"target\": [1]}", SequenceRejectReason.NOT_AN_ARRAY),
                Arguments.of("{\"inputs\": null, \"target\": [1]}", SequenceRejectReason.NOT_AN_ARRAY),
                Arguments.of("{\"inputs\": [[1], 2], \"target\": [1]}", SequenceRejectReason.NOT_AN_ARRAY),
                Arguments.of("{\"inputs\": [[1, \"2\"]], \"target\": [1]}", SequenceRejectReason.NOT_A_NUMBER),
                Arguments.of("{\"inputs\": [[1, null]], \"target\": [1]}", SequenceRejectReason.NOT_A_NUMBER),
                Arguments.of("{\"inputs\": [[true]], \"target\": [1]}", SequenceRejectReason.NOT_A_NUMBER),
                Arguments.of("{\"inputs\": [[{\"v\": 1}]], \"target\": [1]}", SequenceRejectReason.NOT_A_NUMBER),
                Arguments.of("{\"inputs\": [[[1], 2]], \"target\": [1]}", SequenceRejectReason.NOT_A_NUMBER),
                Arguments.of("{\"inputs\": [[1]], \"target\": \"3.5\"}", SequenceRejectReason.NOT_A_NUMBER),
                Arguments.of("{\"inputs\": [[1]], \"target\": [1, [2]]}", SequenceRejectReason.NOT_A_NUMBER),
                Arguments.of("{\"inputs\": [[NaN]], \"target\": [1]}", SequenceRejectReason.NOT_FINITE),
                Arguments.of("{\"inputs\": [[1]], \"target\": [Infinity]}", SequenceRejectReason.NOT_FINITE),
                Arguments.of("{\"inputs\": [[-Infinity]], \"target\": [1]}", SequenceRejectReason.NOT_FINITE),
                Arguments.of("{\"inputs\": [[1e400]], \"target\": [1]}", SequenceRejectReason.NOT_FINITE),
                Arguments.of("{\"inputs\": [[1]], \"target\": [-" + "9".repeat(400) + "]}", SequenceRejectReason.NOT_FINITE),
                Arguments.of("{\"inputs\": [[1, 2], [3]], \"target\": [1]}", SequenceRejectReason.RAGGED_STEPS),
                Arguments.of("{\"inputs\": [[1], [2]], \"target\": [[1, 2], [3]]}", SequenceRejectReason.RAGGED_STEPS),
                Arguments.of("{\"inputs\": [[1], [2]], \"target\": [[1]]}", SequenceRejectReason.TARGET_STEPS),
                // The first problem in line order wins.
                Arguments.of("{\"inputs\": [[1, \"a\"], [2]], \"target\": [NaN]}", SequenceRejectReason.NOT_A_NUMBER),
                Arguments.of("{\"inputs\": [[NaN], [2, 3]], \"target\": [\"a\"]}", SequenceRejectReason.NOT_FINITE));
    }

    @ParameterizedTest
    @MethodSource("badLines")
    void badLineIsRejectedWithItsReasonTextAndSource(String line, SequenceRejectReason reason) {
        SequenceRecord r = parse(line);
        assertTrue(r.isRejected(), line);
        assertEquals(reason, r.reason(), line);
        assertEquals(line, r.rawStart());
        assertEquals("f.jsonl, byte 7", r.source());
    }

    @Test
    void invalidUtf8IsRejected() {
        byte[] bytes = {'{', '"', 'i', (byte) 0xC3, 0x28, '"', ':', '1', '}'};
        SequenceRecord r = new SequenceLineParser(1000, SequenceShape.ANY, false).parse(bytes, bytes.length, () -> "f");
        assertEquals(SequenceRejectReason.INVALID_UTF8, r.reason());
    }

    @Test
    void overLongLineIsRejectedKeepingItsStart() {
        String line = "{\"inputs\": [[" + "1,".repeat(3000) + "1]], \"target\": [1]}";
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        SequenceRecord r = new SequenceLineParser(100, SequenceShape.ANY, false).parse(bytes, 101, () -> "f");
        assertEquals(SequenceRejectReason.TOO_LONG, r.reason());
        assertEquals(line.substring(0, 101), r.rawStart());
    }

    @Test
    void rowsThatMissAnExpectedSizeOrFormAreRejected() {
        String row = "{\"inputs\": [[1, 2], [3, 4]], \"target\": [[1], [2]]}";
        assertEquals(SequenceRejectReason.INPUT_SIZE, parse(row, new SequenceShape(3, 0, null)).reason());
        assertEquals(SequenceRejectReason.TARGET_FORM, parse(row, new SequenceShape(2, 1, TargetForm.LAST_STEP)).reason());
        assertEquals(SequenceRejectReason.TARGET_SIZE, parse(row, new SequenceShape(0, 2, null)).reason());
        assertEquals(new SequenceShape(2, 1, TargetForm.EVERY_STEP), parse(row, new SequenceShape(2, 1, TargetForm.EVERY_STEP)).shape());
    }

    @Test
    void writtenJsonReadsBackExactly() {
        Sequence s = new DotProductTask(4).next(new java.util.Random(3));
        assertEquals(s, parse(SequenceFile.toJson(s, TargetForm.LAST_STEP)).sequence());
        Sequence everyStep = Sequence.of(new double[][] {{0.1}, {0.2}}, new double[] {1.5, -2.5, 3.25, 4});
        SequenceRecord back = parse(SequenceFile.toJson(everyStep, TargetForm.EVERY_STEP));
        assertEquals(everyStep, back.sequence());
        assertEquals(new SequenceShape(1, 2, TargetForm.EVERY_STEP), back.shape());
    }

    @Test
    void forPredictionARowWithoutTargetIsGoodWithAnEmptyTarget() {
        byte[] bytes = "{\"inputs\": [[1, 2], [3, 4]]}".getBytes(StandardCharsets.UTF_8);
        SequenceRecord r = new SequenceLineParser(1000, new SequenceShape(2, 1, TargetForm.LAST_STEP), true)
                .parse(bytes, bytes.length, () -> "f");
        assertFalse(r.isRejected());
        assertFalse(r.sequence().hasTarget());
        assertEquals(2, r.sequence().steps());
    }

    @Test
    void forPredictionARowWithoutTargetStillHasItsInputSizeChecked() {
        byte[] bytes = "{\"inputs\": [[1, 2, 3]]}".getBytes(StandardCharsets.UTF_8);
        SequenceRecord r = new SequenceLineParser(1000, new SequenceShape(2, 1, TargetForm.LAST_STEP), true)
                .parse(bytes, bytes.length, () -> "f");
        assertEquals(SequenceRejectReason.INPUT_SIZE, r.reason());
    }

    @Test
    void forPredictionAGivenTargetMustStillFitTheModel() {
        byte[] bytes = "{\"inputs\": [[1, 2]], \"target\": [1, 2]}".getBytes(StandardCharsets.UTF_8);
        SequenceRecord r = new SequenceLineParser(1000, new SequenceShape(2, 1, TargetForm.LAST_STEP), true)
                .parse(bytes, bytes.length, () -> "f");
        assertEquals(SequenceRejectReason.TARGET_SIZE, r.reason());
    }
}
