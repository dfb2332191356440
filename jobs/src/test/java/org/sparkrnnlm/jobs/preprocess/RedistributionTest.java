package org.sparkrnnlm.jobs.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkrnnlm.jobs.hadoop.HadoopFileStore;
import org.sparkrnnlm.jobs.hadoop.ZstdLongWindowCodecTest;

/**
 * A file read in one piece and dealt to several partitions in chunks gives the dataset the
 * one-partition read (today's path) gives: the same rows (position, ids), vocabulary, stats,
 * held-out split and rejected records, on every input format.
 */
class RedistributionTest extends SparkReaderTest {
    private static final String[] WORDS = ("the a of and to in is it that was for on are as with his they at be this have from or one had by "
            + "word but not what all were we when your can said there use an each which she do how their if will up other about out many "
            + "then them these so some her would make like him into time has look two more write go see number no way could people my than "
            + "first water been call who oil its now find long down day did get come made may part over new sound take only little work "
            + "know place year live me back give most very after thing our just name good sentence man think say great where help through "
            + "much before line right too mean old any same tell boy follow came want show also around form three small set put end does "
            + "zyzzyva quokka").split(" ");

    @TempDir
    Path dir;

    @BeforeEach
    void smallChunks() {
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        hadoop.setLong(CommentSources.STREAM_MIN_BYTES_KEY, 0);
        hadoop.setInt(CommentSources.CHUNK_BYTES_KEY, 700);
    }

    @AfterEach
    void defaults() {
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        hadoop.unset(CommentSources.STREAM_MIN_BYTES_KEY);
        hadoop.unset(CommentSources.CHUNK_BYTES_KEY);
        hadoop.unset(CommentSources.DECODE_EVERYWHERE_MAX_PARTITIONS_KEY);
    }

    /** Comments of 1 to 4 sentences, some over several lines, with quotes and commas, and a few to reject. */
    static List<String> bodies(int count, long seed) {
        Random random = new Random(seed);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (i % 37 == 5) {
                out.add("[deleted]");
                continue;
            }
            StringBuilder b = new StringBuilder();
            for (int s = 1 + random.nextInt(4); s > 0; s--) {
                int words = 1 + random.nextInt(12);
                for (int w = 0; w < words; w++) {
                    if (w > 0) b.append(random.nextInt(9) == 0 ? ", " : " ");
                    String word = WORDS[(int) Math.min(WORDS.length - 1, Math.abs(random.nextGaussian()) * WORDS.length / 3)];
                    b.append(random.nextInt(15) == 0 ? "\"" + word + "\"" : word);
                }
                b.append(".?!".charAt(random.nextInt(3))).append(random.nextInt(6) == 0 ? "\n\n" : " ");
            }
            out.add(b.toString().strip());
        }
        return out;
    }

    static String jsonLines(List<String> bodies) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < bodies.size(); i++) {
            sb.append(jsonLine(bodies.get(i)));
            if (i == 40) sb.append("{not json\n\n");
        }
        return sb.toString();
    }

    static String csv(List<String> bodies) {
        StringBuilder sb = new StringBuilder("id,body\r\n");
        for (int i = 0; i < bodies.size(); i++) {
            sb.append(i).append(",\"").append(bodies.get(i).replace("\"", "\"\"")).append('"').append(i % 3 == 0 ? "\r\n" : "\n");
            if (i == 50) sb.append("51,two,bodies\n");
        }
        return sb.toString();
    }

    @Test
    void plainJsonLines() throws IOException {
        assertSameDataset(write(dir.resolve("RC.json"), jsonLines(bodies(400, 1))));
    }

    @Test
    void gzipJsonLines() throws IOException {
        assertSameDataset(write(dir.resolve("RC.json.gz"), gzip(utf8(jsonLines(bodies(400, 2))))));
    }

    @Test
    void bzip2JsonLines() throws IOException {
        assertSameDataset(write(dir.resolve("RC.json.bz2"), bzip2(utf8(jsonLines(bodies(400, 3))))));
    }

    @Test
    void zstdJsonLines() throws IOException {
        assertSameDataset(write(dir.resolve("RC.zst"), ZstdLongWindowCodecTest.zstdLong31(utf8(jsonLines(bodies(400, 4))))));
    }

    @Test
    void zstdJsonLinesDealtByTheShuffle() throws IOException {
        spark.sparkContext().hadoopConfiguration().setInt(CommentSources.DECODE_EVERYWHERE_MAX_PARTITIONS_KEY, 2);
        Path file = write(dir.resolve("RC.zst"), ZstdLongWindowCodecTest.zstdLong31(utf8(jsonLines(bodies(400, 12)))));
        assertTrue(shuffled(file));
        assertSameDataset(file);
    }

    @Test
    void aZstdFileForFewPartitionsIsDecodedByEveryTaskWithoutAShuffle() throws IOException {
        Path file = write(dir.resolve("RC.zst"), ZstdLongWindowCodecTest.zstdLong31(utf8(jsonLines(bodies(50, 13)))));
        assertFalse(shuffled(file));
    }

    @Test
    void aBzip2FileIsDealtByTheShuffleHoweverFewThePartitions() throws IOException {
        Path file = write(dir.resolve("RC.json.bz2"), bzip2(utf8(jsonLines(bodies(50, 14)))));
        assertTrue(shuffled(file));
    }

    private boolean shuffled(Path file) throws IOException {
        return CommentSources.sources(spark, List.of(file.toString()), "auto", ONE_MIB, 3).chunks().toDebugString().contains("ShuffledRDD");
    }

    @Test
    void csv() throws IOException {
        assertSameDataset(write(dir.resolve("dump.csv"), csv(bodies(400, 5))));
    }

    @Test
    void gzipCsv() throws IOException {
        assertSameDataset(write(dir.resolve("dump.csv.gz"), gzip(utf8(csv(bodies(400, 6))))));
    }

    @Test
    void aDirectoryOfSeveralFilesStreamsTheBigOneAndReadsTheOthersInPlace() throws IOException {
        Path in = dir.resolve("in");
        write(in.resolve("a.json"), jsonLines(bodies(5, 7)));
        write(in.resolve("b.json.zst"), ZstdLongWindowCodecTest.zstdLong31(utf8(jsonLines(bodies(1500, 8)))));
        write(in.resolve("c.csv"), csv(bodies(5, 9)));
        write(in.resolve("d.json"), jsonLines(bodies(4, 10)));
        CommentSources.Sources sources = CommentSources.sources(spark, List.of(in.toString()), "auto", ONE_MIB, 3);
        assertNotNull(sources.chunks());
        assertEquals(List.of(0, 2, 3), sources.inPlace().stream().map(CommentSources.InPlace::firstPartition).toList());
        assertSameDataset(in);
    }

    @Test
    void onePartitionAndSmallFilesReadInPlace() throws IOException {
        Path file = write(dir.resolve("RC.json.gz"), gzip(utf8(jsonLines(bodies(50, 11)))));
        assertNull(CommentSources.sources(spark, List.of(file.toString()), "auto", ONE_MIB, 1).chunks());
        spark.sparkContext().hadoopConfiguration().unset(CommentSources.STREAM_MIN_BYTES_KEY);
        assertNull(CommentSources.sources(spark, List.of(file.toString()), "auto", ONE_MIB, 3).chunks());
    }

    /** Today's path (one partition: nothing streamed) against three partitions with small chunks. */
    private void assertSameDataset(Path input) throws IOException {
        assertNotNull(CommentSources.sources(spark, List.of(input.toString()), "auto", ONE_MIB, 3).chunks(), "nothing was streamed");
        Path one = run(input, 1).resolve("dataset");
        Path three = run(input, 3).resolve("dataset");
        for (String table : List.of("sentences", "heldout")) {
            List<String> expected = rows(one.resolve(table));
            assertTrue(expected.size() > 50, table + ": " + expected.size());
            assertEquals(expected, rows(three.resolve(table)), table);
        }
        for (String file : List.of("vocab.tsv", "stats.json")) {
            assertEquals(Files.readString(one.resolve(file)), Files.readString(three.resolve(file)), file);
        }
        assertEquals(lines(one.resolve("text")), lines(three.resolve("text")));
        assertEquals(lines(one.resolveSibling("bad")), lines(three.resolveSibling("bad")));
    }

    private Path run(Path input, int partitions) throws IOException {
        Path out = dir.resolve("out-" + partitions);
        Preprocessing.Settings settings = new Preprocessing.Settings(List.of(input.toString()), "auto", 60, null, 0.3, 10,
                out.resolve("bad").toString(), 1.0, ONE_MIB, true, partitions);
        new Preprocessing(spark, new HadoopFileStore(spark.sparkContext().hadoopConfiguration()), System.err)
                .run(settings, out.resolve("dataset").toString());
        return out;
    }

    private static List<String> rows(Path table) {
        List<String> out = new ArrayList<>();
        for (Row r : spark.read().parquet(table.toString()).collectAsList()) out.add(r.getLong(0) + " " + r.getList(1));
        out.sort(null);
        return out;
    }

    /** The lines of a text table, sorted (their partition files differ). */
    private static List<String> lines(Path table) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> parts = Files.list(table)) {
            for (Path p : parts.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
                out.addAll(Files.readAllLines(p, StandardCharsets.UTF_8));
            }
        }
        out.sort(null);
        return out;
    }
}
