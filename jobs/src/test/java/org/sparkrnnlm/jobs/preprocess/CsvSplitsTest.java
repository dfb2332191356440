package org.sparkrnnlm.jobs.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plain CSV file split into many byte ranges reads every row once, as the one-piece read does. */
class CsvSplitsTest extends SparkReaderTest {
    private static final String MAX_SPLIT = "mapreduce.input.fileinputformat.split.maxsize";

    @TempDir
    Path dir;

    @AfterEach
    void defaults() {
        spark.sparkContext().hadoopConfiguration().unset(MAX_SPLIT);
    }

    /** Rows with quoted line breaks (LF and CRLF), "" escapes, commas, blank lines, and rows to reject. */
    static byte[] nastyCsv(int rows, long seed) {
        Random random = new Random(seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("id,body,score\r\n".getBytes(StandardCharsets.UTF_8));
        String[] pieces = {"plain words", "a \"\"quoted\"\" word", "comma, inside", "line\nbreak", "crlf\r\nbreak",
            "1,\"\"looks like a row\"\"\n2,", "caf\u00e9 \uD83D\uDE00", "\n\nparagraphs\n\n", "\"\"", ",,,", "end\r"};
        for (int i = 0; i < rows; i++) {
            String eol = random.nextBoolean() ? "\r\n" : "\n";
            switch (random.nextInt(12)) {
                case 0 -> out.writeBytes((i + ",o\"clock is literal here," + i + eol).getBytes(StandardCharsets.UTF_8));
                case 1 -> out.writeBytes((i + ",\"closed\"then text," + i + eol).getBytes(StandardCharsets.UTF_8));
                case 2 -> out.writeBytes((i + ",too,many,columns" + eol).getBytes(StandardCharsets.UTF_8));
                case 3 -> out.writeBytes(eol.getBytes(StandardCharsets.UTF_8)); // a blank line
                case 4 -> {
                    out.writeBytes((i + ",\"bad ").getBytes(StandardCharsets.UTF_8));
                    out.writeBytes(new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF, '"', ',', '1'});
                    out.writeBytes(eol.getBytes(StandardCharsets.UTF_8));
                }
                case 5 -> out.writeBytes((i + ",[deleted]," + i + eol).getBytes(StandardCharsets.UTF_8));
                default -> {
                    StringBuilder body = new StringBuilder();
                    for (int k = 1 + random.nextInt(4); k > 0; k--) body.append(pieces[random.nextInt(pieces.length)]).append(' ');
                    out.writeBytes((i + ",\"" + body + "\"," + i + eol).getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        return out.toByteArray();
    }

    /** What one CsvCommentParser reading the whole file gives. */
    static List<RawComment> unsplit(Path file) throws IOException {
        CsvCommentParser parser = new CsvCommentParser(() -> new InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE)), file.toUri().toString(), ONE_MIB);
        List<RawComment> out = new ArrayList<>();
        for (RawComment r; (r = parser.next()) != null; ) out.add(r);
        parser.close();
        return out;
    }

    private List<RawComment> readSplit(Path file, long maxSplit, int minPartitions) throws IOException {
        spark.sparkContext().hadoopConfiguration().setLong(MAX_SPLIT, maxSplit);
        JavaRDD<RawComment> rdd = CommentSources.read(spark, List.of(file.toString()), "csv", ONE_MIB);
        assertTrue(rdd.getNumPartitions() >= minPartitions, "partitions: " + rdd.getNumPartitions());
        return rdd.collect();
    }

    /** Sources name the file as Hadoop does (file:/...); compare them by what follows the file name. */
    private static List<String> described(List<RawComment> records) {
        return records.stream().map(r -> r.isRejected()
                ? r.reason() + " " + r.source().substring(r.source().lastIndexOf(".csv")) + " " + r.rawStart()
                : "comment " + r.body()).toList();
    }

    @Test
    void smallSplitsInsideQuotedFieldsEscapesAndCrlfReadEveryRowOnce() throws IOException {
        Path file = write(dir.resolve("nasty.csv"), nastyCsv(200, 1));
        List<String> expected = described(unsplit(file));
        assertTrue(expected.size() > 170, "rows: " + expected.size());
        assertTrue(expected.stream().anyMatch(s -> s.startsWith("MALFORMED_CSV")), "no malformed row");
        for (long maxSplit : new long[] {13, 61, 500, 4096}) {
            List<RawComment> records = readSplit(file, maxSplit, (int) Math.min(10, Files.size(file) / maxSplit));
            assertEquals(expected, described(records), "split size " + maxSplit);
        }
    }

    @Test
    void everySplitBoundaryPositionGivesTheSameRows() throws IOException {
        // Small file, every split size from 3 to 24 bytes: boundaries fall on every kind of byte.
        String csv = "body,n\r\n\"a \"\"b\"\"\r\nc, d\",1\n\n\"\"\"\",2\r\nplain \"quote,3\n\"x\"y,4\r\n\"\n\",5\n\"last\",6";
        Path file = write(dir.resolve("small.csv"), csv);
        List<String> expected = described(unsplit(file));
        for (long maxSplit = 3; maxSplit <= 24; maxSplit++) {
            assertEquals(expected, described(readSplit(file, maxSplit, 2)), "split size " + maxSplit);
        }
    }

    @Test
    void aQuoteOpenAtTheEndReadsTheFileWholeAsTheParserRewinds() throws IOException {
        Path file = write(dir.resolve("open.csv"), "body\n\"good\"\nfine\n\"never closed\nnext row\nlast row\nmore, rows\n");
        List<String> expected = described(unsplit(file));
        assertEquals(List.of("comment good", "comment fine"), expected.subList(0, 2));
        assertTrue(expected.get(2).startsWith("MALFORMED_CSV"), expected.get(2));
        assertEquals(List.of("comment next row", "comment last row"), expected.subList(3, 5));
        assertEquals(expected, described(readSplit(file, 9, 5)));
    }

    @Test
    void aBadHeaderIsOneRejectionAndABomIsSkipped() throws IOException {
        Path bad = write(dir.resolve("bad.csv"), "\"body\"x,n\n1,2\n3,4\n5,6\n");
        assertEquals(described(unsplit(bad)), described(readSplit(bad, 5, 3)));
        Path bom = write(dir.resolve("bom.csv"), "\uFEFF\n\nbody\nfirst\n\"sec\nond\"\nthird\n");
        assertEquals(List.of("comment first", "comment sec\nond", "comment third"), described(readSplit(bom, 4, 3)));
    }

    @Test
    void brownCorpusDumpInManySplitsGivesAllItsRowsInOrder() throws IOException {
        Path brown = Paths.get(System.getProperty("shared.dir", "../../shared"), "data", "brown-comments.csv");
        Assumptions.assumeTrue(Files.exists(brown), "shared data missing: " + brown);
        List<RawComment> records = readSplit(brown, 256 << 10, 20);
        assertEquals(15_667, records.size());
        assertEquals(described(unsplit(brown)), described(records));
    }
}
