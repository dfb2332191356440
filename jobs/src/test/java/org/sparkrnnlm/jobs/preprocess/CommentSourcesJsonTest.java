package org.sparkrnnlm.jobs.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommentSourcesJsonTest extends SparkReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsBodiesWithEscapesAndUnicodeInOrder() throws IOException {
        List<String> expected = List.of("first \"quoted\"\nsecond line", "caf\u00e9 \ud83d\ude00", "plain");
        StringBuilder text = new StringBuilder();
        for (String b : expected) text.append(jsonLine(b));
        assertEquals(expected, bodies(read("auto", write(dir.resolve("RC.jsonl"), text.toString()))));
    }

    @Test
    void malformedJsonLinesAreRejectedAndReadingGoesOn() throws IOException {
        List<String> bad = List.of("{\"body\": \"cut off", "not json at all", "[\"body\", \"x\"]",
                "{\"body\":\"a\"} {\"body\":\"b\"}", "{\"body\":\"a\",}");
        Path file = write(dir.resolve("RC.jsonl"), jsonLine("before") + String.join("\n", bad) + "\n" + jsonLine("after"));
        List<RawComment> records = read("auto", file);
        assertEquals(List.of("before", "after"), bodies(records));
        List<RawComment> rejected = records.stream().filter(RawComment::isRejected).toList();
        assertEquals(bad, rejected.stream().map(RawComment::rawStart).toList());
        for (RawComment r : rejected) {
            assertEquals(RejectReason.MALFORMED_JSON, r.reason());
            assertTrue(r.source().contains("RC.jsonl, byte "), r.source());
        }
    }

    @Test
    void invalidUtf8BytesAreRejected() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(utf8(jsonLine("ok")));
        for (byte[] bad : new byte[][] {{(byte) 0xC3, 0x28}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xFF}}) {
            bytes.writeBytes(utf8("{\"body\":\"bad "));
            bytes.writeBytes(bad);
            bytes.writeBytes(utf8(" bytes\"}\n"));
        }
        bytes.writeBytes(utf8(jsonLine("also ok")));
        List<RawComment> records = read("json", write(dir.resolve("RC.jsonl"), bytes.toByteArray()));
        assertEquals(List.of("ok", "also ok"), bodies(records));
        assertEquals(List.of(RejectReason.INVALID_UTF8, RejectReason.INVALID_UTF8, RejectReason.INVALID_UTF8,
                RejectReason.INVALID_UTF8), reasons(records));
    }

    @Test
    void deletedRemovedAndEmptyBodiesAreSkippedWithTheirReason() throws IOException {
        Path file = write(dir.resolve("RC.jsonl"),
                jsonLine("[deleted]") + jsonLine("[removed]") + jsonLine("") + jsonLine(" \n\t") + jsonLine("kept"));
        List<RawComment> records = read("auto", file);
        assertEquals(List.of("kept"), bodies(records));
        assertEquals(List.of(RejectReason.DELETED, RejectReason.REMOVED, RejectReason.EMPTY, RejectReason.EMPTY),
                reasons(records));
    }

    @Test
    void objectWithoutAStringBodyIsMissingBody() throws IOException {
        Path file = write(dir.resolve("RC.jsonl"), String.join("\n", "{\"author\":\"x\",\"score\":1}", "{\"body\":null}",
                "{\"body\":3}", "{\"body\":{\"text\":\"nested\"}}", "{}") + "\n");
        List<RawComment> records = read("auto", file);
        assertEquals(List.of(RejectReason.MISSING_BODY, RejectReason.MISSING_BODY, RejectReason.MISSING_BODY,
                RejectReason.MISSING_BODY, RejectReason.MISSING_BODY), reasons(records));
    }

    @Test
    void blankLinesAreSkippedSilently() throws IOException {
        Path file = write(dir.resolve("RC.jsonl"), "\n" + jsonLine("a") + "\n   \n\t\r\n" + jsonLine("b") + "\n");
        List<RawComment> records = read("auto", file);
        assertEquals(2, records.size());
        assertEquals(List.of("a", "b"), bodies(records));
    }

    @Test
    void byteOrderMarkAndCrlfLineEndsAreHandled() throws IOException {
        String crlf = jsonLine("one").replace("\n", "\r\n") + jsonLine("two").replace("\n", "\r\n");
        assertEquals(List.of("one", "two"), bodies(read("auto", write(dir.resolve("RC.jsonl"), "\ufeff" + crlf))));
    }

    @Test
    void fiftyMegabyteLineIsOneTooLongRejection() throws IOException {
        String huge = "a".repeat(50 << 20);
        Path file = write(dir.resolve("RC.jsonl"), jsonLine("before") + jsonLine(huge) + jsonLine("after"));
        huge = null;
        List<RawComment> records = read("auto", file);
        assertEquals(3, records.size());
        assertEquals(List.of("before", "after"), bodies(records));
        RawComment tooLong = records.get(1);
        assertEquals(RejectReason.TOO_LONG, tooLong.reason());
        assertEquals(RawComment.MAX_RAW_START, tooLong.rawStart().length());
        assertTrue(tooLong.rawStart().startsWith("{\"author\":\"someone\",\"body\":\"aaaa"), tooLong.rawStart());
    }

    @Test
    void largePlainFileIsSplitAcrossManyTasks() throws IOException {
        List<String> expected = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < (4 << 20); i++) {
            String body = "comment number " + i + " " + "x".repeat(i % 300);
            expected.add(body);
            text.append(jsonLine(body));
        }
        Path file = write(dir.resolve("RC_big.jsonl"), text.toString());
        var hadoop = spark.sparkContext().hadoopConfiguration();
        hadoop.setLong("mapreduce.input.fileinputformat.split.maxsize", 256 << 10);
        try {
            JavaRDD<RawComment> rdd = CommentSources.read(spark, List.of(file.toString()), "auto", ONE_MIB);
            assertTrue(rdd.getNumPartitions() >= 16, "partitions: " + rdd.getNumPartitions());
            // Every line exactly once, in order, although lines straddle split boundaries.
            assertEquals(expected, bodies(rdd.collect()));
        } finally {
            hadoop.unset("mapreduce.input.fileinputformat.split.maxsize");
        }
        assertFalse(Files.size(file) < (4 << 20));
    }

    @Test
    void metadataFieldsAreKeptOnlyWhenAsked() throws IOException {
        Path file = write(dir.resolve("meta.json"), "{\"id\": \"a1\", \"author\": \"ann\", \"subreddit\": \"cats\", \"created_utc\": 1438387200,"
                + " \"body\": \"hello there\", \"edited\": {\"at\": 1}}\n"
                + "{\"body\": \"second\", \"created_utc\": \"1438387201\", \"author\": null, \"id\": 7}\n");
        List<RawComment> records = CommentSources.read(spark, List.of(file.toString()), "auto", ONE_MIB, true).collect();
        assertEquals(RawComment.body("hello there", "a1", "ann", "cats", 1438387200L), records.get(0));
        assertEquals(RawComment.body("second", "7", null, null, 1438387201L), records.get(1));
        assertEquals(List.of(RawComment.body("hello there"), RawComment.body("second")), read("auto", file), "preprocess reads bodies only");
    }
}
