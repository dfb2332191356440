package org.sparkrnnlm.jobs.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkrnnlm.core.regression.Sequence;
import org.sparkrnnlm.jobs.hadoop.HadoopFileStore;
import org.sparkrnnlm.jobs.spark.LocalSparkTest;
import scala.Tuple2;

class SequenceSourceTest extends LocalSparkTest {
    @TempDir
    Path dir;

    /** Good row i: T steps u_t = (i + t, i + 0.5), one output i. */
    private static String row(int i, int steps) {
        return SequenceFile.toJson(sequence(i, steps), TargetForm.LAST_STEP);
    }

    private static Sequence sequence(int i, int steps) {
        double[][] inputs = new double[steps][];
        for (int t = 0; t < steps; t++) inputs[t] = new double[] {i + t, i + 0.5};
        return Sequence.of(inputs, new double[] {i});
    }

    private Path write(String name, String... lines) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, lines.length == 0 ? "" : String.join("\n", lines) + "\n");
    }

    private static SequenceData read(SequenceSource.Settings settings) throws IOException {
        return SequenceSource.read(spark, settings);
    }

    private static SequenceSource.Settings settings(Path... inputs) {
        return SequenceSource.Settings.of(Stream.of(inputs).map(Path::toString).toList());
    }

    @Test
    void goodRowsComeInInputOrderAcrossFilesNumberedFromZero() throws IOException {
        Path in = dir.resolve("in");
        write("in/b.jsonl", row(3, 2), row(4, 3));
        write("in/a.jsonl", row(0, 1), "", row(1, 4), row(2, 2));
        Path last = write("z.jsonl", row(5, 1));
        SequenceData data = read(settings(in, last));
        List<Sequence> expected = List.of(sequence(0, 1), sequence(1, 4), sequence(2, 2), sequence(3, 2), sequence(4, 3), sequence(5, 1));
        assertEquals(expected, data.sequences().collect());
        List<Tuple2<Long, Sequence>> positioned = data.positioned().collect();
        for (int i = 0; i < expected.size(); i++) assertEquals(new Tuple2<>((long) i, expected.get(i)), positioned.get(i));
        assertEquals(6, data.count());
        assertEquals(new SequenceShape(2, 1, TargetForm.LAST_STEP), data.shape());
        assertEquals(Map.of(), data.rejected());
    }

    @Test
    void positionsStayDenseAndOrderedWhenAFileIsSplitIntoManyPartitions() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 2000; i++) lines.add(i % 7 == 3 ? "{\"broken\"" : row(i, 3));
        Path file = write("big.jsonl", lines.toArray(new String[0]));
        var hadoop = spark.sparkContext().hadoopConfiguration();
        hadoop.setLong("mapreduce.input.fileinputformat.split.maxsize", Files.size(file) / 5);
        try {
            SequenceData data = read(settings(file).withMaxBadFraction(0.2));
            assertTrue(data.positioned().getNumPartitions() >= 5, "partitions: " + data.positioned().getNumPartitions());
            List<Tuple2<Long, Sequence>> positioned = data.positioned().collect();
            List<Integer> kept = new ArrayList<>();
            for (int i = 0; i < 2000; i++) if (i % 7 != 3) kept.add(i);
            assertEquals(kept.size(), positioned.size());
            for (int j = 0; j < kept.size(); j++) {
                assertEquals(new Tuple2<>((long) j, sequence(kept.get(j), 3)), positioned.get(j));
            }
        } finally {
            hadoop.unset("mapreduce.input.fileinputformat.split.maxsize");
        }
    }

    @Test
    void everyBadRowIsRejectedCountedAndWrittenWithItsReasonWhileGoodRowsSurvive() throws IOException {
        Map<String, SequenceRejectReason> bad = new java.util.LinkedHashMap<>();
        bad.put("{\"inputs\": [[1, 2], [3]], \"target\": [1]}", SequenceRejectReason.RAGGED_STEPS);
        bad.put("{\"inputs\": [[1, 2, 3]], \"target\": [1]}", SequenceRejectReason.INPUT_SIZE);
        bad.put("{\"inputs\": [[1, 2]], \"target\": [1, 2]}", SequenceRejectReason.TARGET_SIZE);
        bad.put("{\"inputs\": [[1, 2]], \"target\": [[1]]}", SequenceRejectReason.TARGET_FORM);
        bad.put("{\"inputs\": [[1, \"2\"]], \"target\": [1]}", SequenceRejectReason.NOT_A_NUMBER);
        bad.put("{\"inputs\": [[1, null]], \"target\": [1]}", SequenceRejectReason.NOT_A_NUMBER);
        bad.put("{\"inputs\": [[1, NaN]], \"target\": [1]}", SequenceRejectReason.NOT_FINITE);
        bad.put("{\"inputs\": [[1, 2]], \"target\": [Infinity]}", SequenceRejectReason.NOT_FINITE);
        bad.put("{\"inputs\": [[1, 2e999]], \"target\": [1]}", SequenceRejectReason.NOT_FINITE);
        bad.put("{\"inputs\": [[1, 2]], \"target\": [1]", SequenceRejectReason.MALFORMED_JSON);
        bad.put("{\"target\": [1]}", SequenceRejectReason.MISSING_INPUTS);
        bad.put("{\"inputs\": [[1, 2]]}", SequenceRejectReason.MISSING_TARGET);
        bad.put("{\"inputs\": [], \"target\": [1]}", SequenceRejectReason.EMPTY_INPUTS);
        bad.put("{\"inputs\": [[1, 2], [3, 4]], \"target\": [[1], [2], [3]]}", SequenceRejectReason.TARGET_STEPS);
        List<String> lines = new ArrayList<>();
        List<Sequence> good = new ArrayList<>();
        int i = 0;
        for (String b : bad.keySet()) {
            lines.add(row(i, 2));
            good.add(sequence(i++, 2));
            lines.add(b);
        }
        Path file = write("mixed.jsonl", lines.toArray(new String[0]));
        Path badDir = dir.resolve("bad");
        SequenceData data = read(settings(file).withMaxBadFraction(1).withBadRecords(badDir.toString()));

        assertEquals(good, data.sequences().collect());
        Map<SequenceRejectReason, Long> counts = new EnumMap<>(SequenceRejectReason.class);
        for (SequenceRejectReason r : bad.values()) counts.merge(r, 1L, Long::sum);
        assertEquals(counts, data.rejected());
        assertEquals(lines.size(), data.rowsRead());
        List<JsonNode> written = badRecords(badDir);
        assertEquals(List.copyOf(bad.keySet()), written.stream().map(n -> n.get("record").asText()).toList());
        assertEquals(bad.values().stream().map(SequenceRejectReason::label).toList(),
                written.stream().map(n -> n.get("reason").asText()).toList());
        for (JsonNode n : written) assertTrue(n.get("source").asText().contains("mixed.jsonl, byte "), n.toString());
    }

    private static List<JsonNode> badRecords(Path badDir) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> out = new ArrayList<>();
        try (Stream<Path> parts = Files.list(badDir)) {
            for (Path p : parts.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList()) {
                for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) out.add(json.readTree(line));
            }
        }
        return out;
    }

    @Test
    void theFirstGoodRowInInputOrderSetsTheShape() throws IOException {
        Path first = write("1.jsonl", "{\"inputs\": [[1, 2, 3]], \"target\": [\"bad\"]}", "{\"inputs\": [[1]], \"target\": [[1, 2]]}");
        Path second = write("2.jsonl", row(0, 2));
        SequenceData data = read(settings(first, second).withMaxBadFraction(1));
        assertEquals(new SequenceShape(1, 2, TargetForm.EVERY_STEP), data.shape());
        assertEquals(Map.of(SequenceRejectReason.NOT_A_NUMBER, 1L, SequenceRejectReason.INPUT_SIZE, 1L), data.rejected());
    }

    @Test
    void anExpectedShapeOverridesTheData() throws IOException {
        Path file = write("d.jsonl", row(0, 2), "{\"inputs\": [[1, 2, 3]], \"target\": [7]}");
        SequenceData data = read(settings(file).withMaxBadFraction(1).expecting(new SequenceShape(3, 0, null)));
        assertEquals(List.of(Sequence.of(new double[][] {{1, 2, 3}}, new double[] {7})), data.sequences().collect());
        assertEquals(new SequenceShape(3, 1, TargetForm.LAST_STEP), data.shape());
        assertEquals(Map.of(SequenceRejectReason.INPUT_SIZE, 1L), data.rejected());
    }

    @Test
    void tooManyBadRowsFailWithOneClearLine() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 9; i++) lines.add(row(i, 1));
        lines.add("{\"inputs\": [[NaN, 1]], \"target\": [1]}");
        Path file = write("f.jsonl", lines.toArray(new String[0]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(settings(file)));
        assertEquals("1 of 10 rows are bad (10.00%: not_finite 1), over the max bad fraction 0.05", e.getMessage());
        assertEquals(9, read(settings(file).withMaxBadFraction(0.1)).count());
    }

    @Test
    void inputWithoutRowsIsAClearError() throws IOException {
        Path empty = write("empty.jsonl");
        Path blank = write("blank.jsonl", "", "  ");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(settings(empty, blank)));
        assertTrue(e.getMessage().startsWith("the input holds no rows: "), e.getMessage());
    }

    @Test
    void inputOfOnlyBadRowsIsAClearError() throws IOException {
        Path file = write("bad.jsonl", "nope", "{\"inputs\": []}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(settings(file).withMaxBadFraction(1)));
        assertEquals("all 2 rows of the input are bad (malformed_json 1, missing_target 1)", e.getMessage());
    }

    @Test
    void missingInputIsFileNotFound() {
        assertThrows(FileNotFoundException.class, () -> read(settings(dir.resolve("nothing.jsonl"))));
    }

    @Test
    void gzipInputIsDecompressed() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write((row(0, 2) + "\n" + row(1, 3) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        Path file = Files.write(dir.resolve("seq.jsonl.gz"), bytes.toByteArray());
        assertEquals(List.of(sequence(0, 2), sequence(1, 3)), read(settings(file)).sequences().collect());
    }

    @Test
    void aGeneratedDotProductFileReadsBackExactly() throws IOException {
        String path = dir.resolve("dot.jsonl").toString();
        new DotProductTask(5).write(new HadoopFileStore(new org.apache.hadoop.conf.Configuration()), path, 50, 9);
        List<Sequence> expected = new ArrayList<>();
        new DotProductTask(5).sequences(50, 9).forEachRemaining(expected::add);
        SequenceData data = read(SequenceSource.Settings.of(List.of(path)));
        assertEquals(expected, data.sequences().collect());
        assertEquals(new SequenceShape(2, 1, TargetForm.LAST_STEP), data.shape());
    }
}
