package org.sparkrnnlm.jobs.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommentSourcesCsvTest extends SparkReaderTest {
    @TempDir
    Path dir;

    private static Path sharedData() {
        return Paths.get(System.getProperty("shared.dir", "../../shared"), "data");
    }

    @Test
    void quotedMultiLineFieldsEscapedQuotesAndCrlfAreRead() throws IOException {
        String csv = "body\r\n\"first line\r\nsecond line\"\r\n\"she said \"\"hi\"\", then left\"\r\nunquoted, no\r\n";
        // "unquoted, no" has two columns: not a comment, see the malformed-row test.
        List<RawComment> records = read("auto", write(dir.resolve("dump.csv"), csv.replace("unquoted, no\r\n", "plain\r\n")));
        assertEquals(List.of("first line\r\nsecond line", "she said \"hi\", then left", "plain"), bodies(records));
    }

    @Test
    void bodyColumnIsFoundByNameIgnoringCase() throws IOException {
        String csv = "id,Score, BODY ,author\n1,5,\"the, comment\",me\n2,3,another,you\n";
        assertEquals(List.of("the, comment", "another"), bodies(read("auto", write(dir.resolve("dump.csv"), csv))));
    }

    @Test
    void rowWithWrongColumnCountIsMalformedAndTheNextRowsAreRead() throws IOException {
        String csv = "id,body\n1,good\n2,too,many\n3\n4,\"also good\"\n";
        List<RawComment> records = read("auto", write(dir.resolve("dump.csv"), csv));
        assertEquals(List.of("good", "also good"), bodies(records));
        assertEquals(List.of(RejectReason.MALFORMED_CSV, RejectReason.MALFORMED_CSV), reasons(records));
        assertEquals("2,too,many", records.get(1).rawStart());
        assertTrue(records.get(1).source().endsWith("dump.csv, row 2 (line 3)"), records.get(1).source());
    }

    @Test
    void textAfterAClosingQuoteIsMalformed() throws IOException {
        String csv = "body\n\"quoted\"trailing\nfine\n";
        List<RawComment> records = read("auto", write(dir.resolve("dump.csv"), csv));
        assertEquals(List.of(RejectReason.MALFORMED_CSV), reasons(records));
        assertEquals(List.of("fine"), bodies(records));
    }

    @Test
    void quoteLeftOpenAtEndOfFileIsMalformedAndParsingResumesOnTheNextLine() throws IOException {
        String csv = "body\n\"good\"\n\"never closed, so everything after it looks quoted\nnext row\nlast row\n";
        List<RawComment> records = read("auto", write(dir.resolve("dump.csv"), csv));
        assertEquals(List.of("good", "next row", "last row"), bodies(records));
        RawComment bad = records.get(1);
        assertEquals(RejectReason.MALFORMED_CSV, bad.reason());
        assertEquals("\"never closed, so everything after it looks quoted", bad.rawStart());
    }

    @Test
    void invalidUtf8InCsvIsRejected() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(utf8("body\nbefore\n\"bad "));
        bytes.writeBytes(new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF});
        bytes.writeBytes(utf8(" bytes\"\nafter\n"));
        List<RawComment> records = read("auto", write(dir.resolve("dump.csv"), bytes.toByteArray()));
        assertEquals(List.of("before", "after"), bodies(records));
        assertEquals(List.of(RejectReason.INVALID_UTF8), reasons(records));
    }

    @Test
    void deletedRemovedAndEmptyBodiesAreSkippedWithTheirReason() throws IOException {
        String csv = "id,body\n1,[deleted]\n2,[removed]\n3,\n4,\"  \"\n5,kept\n";
        List<RawComment> records = read("auto", write(dir.resolve("dump.csv"), csv));
        assertEquals(List.of("kept"), bodies(records));
        assertEquals(List.of(RejectReason.DELETED, RejectReason.REMOVED, RejectReason.EMPTY, RejectReason.EMPTY),
                reasons(records));
    }

    @Test
    void headerWithoutBodyColumnMakesEveryRowMissingBody() throws IOException {
        List<RawComment> records = read("auto", write(dir.resolve("dump.csv"), "id,text\n1,hello\n2,world\n"));
        assertEquals(List.of(RejectReason.MISSING_BODY, RejectReason.MISSING_BODY), reasons(records));
    }

    @Test
    void fiftyMegabyteBodyIsOneTooLongRejection() throws IOException {
        Path file = dir.resolve("dump.csv");
        write(file, "id,body\n1,before\n2,\"");
        byte[] chunk = utf8("long \"\"quoted\"\" text\n".repeat(1 << 12));
        for (long written = 0; written < (50L << 20); written += chunk.length) {
            Files.write(file, chunk, java.nio.file.StandardOpenOption.APPEND);
        }
        Files.write(file, utf8("\"\n3,after\n"), java.nio.file.StandardOpenOption.APPEND);
        List<RawComment> records = read("auto", file);
        assertEquals(3, records.size());
        assertEquals(List.of("before", "after"), bodies(records));
        assertEquals(RejectReason.TOO_LONG, records.get(1).reason());
        assertEquals(RawComment.MAX_RAW_START, records.get(1).rawStart().length());
        assertTrue(records.get(1).rawStart().startsWith("2,\"long \"\"quoted"), records.get(1).rawStart());
    }

    @Test
    void tutorialSampleGivesAll211Comments() throws IOException {
        Path sample = sharedData().resolve("reddit-comments-2015-08.sample.csv");
        Assumptions.assumeTrue(Files.exists(sample), "shared data missing: " + sample);
        List<RawComment> records = read("auto", sample);
        assertEquals(211, records.size());
        assertEquals(List.of(), reasons(records));
        assertTrue(bodies(records).get(0).startsWith("I joined a new league this year"));
    }

    @Test
    void brownCorpusDumpGivesAllItsRows() throws IOException {
        Path brown = sharedData().resolve("brown-comments.csv");
        Assumptions.assumeTrue(Files.exists(brown), "shared data missing: " + brown);
        List<RawComment> records = read("csv", brown);
        assertEquals(15_667, records.size());
        assertEquals(List.of(), reasons(records));
    }

    @Test
    void metadataColumnsAreKeptOnlyWhenAskedAndInEverySplit() throws IOException {
        StringBuilder csv = new StringBuilder("created_utc,Author,body,id,subreddit\n");
        for (int i = 0; i < 300; i++) {
            csv.append(1438387200L + i).append(",user").append(i).append(",\"comment number ").append(i)
                    .append(",\nwith a second line\",id").append(i).append(",sub").append(i % 3).append('\n');
        }
        Path file = write(dir.resolve("meta.csv"), csv.toString());
        org.apache.hadoop.conf.Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        hadoop.setLong("mapreduce.input.fileinputformat.split.maxsize", Files.size(file) / 5);
        try {
            org.apache.spark.api.java.JavaRDD<RawComment> rdd = CommentSources.read(spark, List.of(file.toString()), "auto", ONE_MIB, true);
            assertTrue(rdd.getNumPartitions() >= 4, "splits: " + rdd.getNumPartitions());
            List<RawComment> records = rdd.collect();
            assertEquals(300, records.size());
            for (int i = 0; i < 300; i++) {
                RawComment r = records.get(i);
                assertEquals(List.of("id" + i, "user" + i, "sub" + (i % 3)), List.of(r.id(), r.author(), r.subreddit()), r.toString());
                assertEquals(1438387200L + i, r.createdUtc());
            }
            RawComment plain = read("auto", file).get(7);
            assertEquals(RawComment.body("comment number 7,\nwith a second line"), plain, "preprocess reads bodies only");
        } finally {
            hadoop.unset("mapreduce.input.fileinputformat.split.maxsize");
        }
    }
}
