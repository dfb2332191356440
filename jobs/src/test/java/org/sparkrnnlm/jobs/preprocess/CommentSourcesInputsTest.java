package org.sparkrnnlm.jobs.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkrnnlm.jobs.hadoop.ZstdLongWindowCodecTest;

class CommentSourcesInputsTest extends SparkReaderTest {
    @TempDir
    Path dir;

    private static String jsonLines(String... bodies) {
        StringBuilder sb = new StringBuilder();
        for (String b : bodies) sb.append(jsonLine(b));
        return sb.toString();
    }

    @Test
    void gzipFilesAreDecompressed() throws IOException {
        Path json = write(dir.resolve("RC.jsonl.gz"), gzip(utf8(jsonLines("g1", "g2"))));
        Path csv = write(dir.resolve("dump.csv.gz"), gzip(utf8("body\n\"g3\"\n")));
        assertEquals(List.of("g1", "g2", "g3"), bodies(read("auto", json, csv)));
    }

    @Test
    void bzip2FilesAreDecompressed() throws IOException {
        Path json = write(dir.resolve("RC.json.bz2"), bzip2(utf8(jsonLines("b1", "b2"))));
        Path csv = write(dir.resolve("dump.csv.bz2"), bzip2(utf8("body\nb3\n")));
        assertEquals(List.of("b1", "b2", "b3"), bodies(read("auto", json, csv)));
    }

    @Test
    void bzip2JsonLinesAreSplitAcrossTasksWithoutLosingLines() throws IOException {
        List<String> expected = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < (3 << 20); i++) {
            expected.add("bz " + i + " " + Integer.toHexString(i * 7919).repeat(1 + i % 40));
            text.append(jsonLine(expected.get(i)));
        }
        Path file = write(dir.resolve("RC.jsonl.bz2"), bzip2(utf8(text.toString())));
        var hadoop = spark.sparkContext().hadoopConfiguration();
        hadoop.setLong("mapreduce.input.fileinputformat.split.maxsize", Files.size(file) / 6);
        try {
            JavaRDD<RawComment> rdd = CommentSources.read(spark, List.of(file.toString()), "auto", ONE_MIB);
            assertTrue(rdd.getNumPartitions() >= 6, "partitions: " + rdd.getNumPartitions());
            assertEquals(expected, bodies(rdd.collect()));
        } finally {
            hadoop.unset("mapreduce.input.fileinputformat.split.maxsize");
        }
    }

    @Test
    void zstdFilesWithALongWindowAreDecompressed() throws IOException {
        Path json = write(dir.resolve("RC_2019-04.zst"), ZstdLongWindowCodecTest.zstdLong31(utf8(jsonLines("z1", "z2"))));
        Path csv = write(dir.resolve("dump.csv.zst"), ZstdLongWindowCodecTest.zstdLong31(utf8("body\nz3\n")));
        assertEquals(List.of("z1", "z2", "z3"), bodies(read("auto", json, csv)));
    }

    @Test
    void directoryGivesItsVisibleFilesInNameOrderEachByItsOwnFormat() throws IOException {
        Path in = dir.resolve("in");
        write(in.resolve("b.csv"), "body\nfrom b\n");
        write(in.resolve("a.ndjson"), jsonLines("from a"));
        write(in.resolve("sub/c.jsonl.gz"), gzip(utf8(jsonLines("from c"))));
        write(in.resolve("_SUCCESS"), "");
        write(in.resolve("_temporary/x.jsonl"), jsonLines("hidden 1"));
        write(in.resolve(".hidden.jsonl"), jsonLines("hidden 2"));
        assertEquals(List.of("from a", "from b", "from c"), bodies(read("auto", in)));
    }

    @Test
    void globSelectsMatchingFiles() throws IOException {
        write(dir.resolve("RC_2015-01.jsonl"), jsonLines("january"));
        write(dir.resolve("RC_2015-02.jsonl"), jsonLines("february"));
        write(dir.resolve("RS_2015-01.jsonl"), jsonLines("submission"));
        assertEquals(List.of("january", "february"), bodies(read("auto", dir.resolve("RC_*.jsonl"))));
    }

    @Test
    void autoFormatGoesByExtensionAndAnExplicitFormatOverridesIt() throws IOException {
        Path csv = write(dir.resolve("comments.CSV"), "body\n\"as csv\"\n");
        Path other = write(dir.resolve("comments.txt"), jsonLines("as json"));
        assertEquals(List.of("as csv", "as json"), bodies(read("auto", csv, other)));
        Path jsonNamedCsv = write(dir.resolve("mislabelled.csv"), jsonLines("forced json"));
        assertEquals(List.of("forced json"), bodies(read("json", jsonNamedCsv)));
    }

    @Test
    void fileNamesWithGlobCharactersAndCommasAreReadLiterally() throws IOException {
        Path odd = write(dir.resolve("RC [1],{x}.jsonl"), jsonLines("odd name"));
        write(dir.resolve("RC 1,x.jsonl"), jsonLines("must not match"));
        assertEquals(List.of("odd name"), bodies(read("auto", dir.resolve("RC \\[1\\],\\{x\\}.jsonl"))));
        assertEquals(List.of("odd name", "must not match"), bodies(read("auto", dir)));
        assertTrue(Files.exists(odd));
    }

    @Test
    void truncatedCompressedFileFailsNamingTheFile() throws IOException {
        byte[] zst = ZstdLongWindowCodecTest.zstdLong31(utf8(jsonLines("x".repeat(100_000), "y".repeat(100_000))));
        Path cut = write(dir.resolve("RC_cut.zst"), java.util.Arrays.copyOf(zst, zst.length / 2));
        Exception e = assertThrows(Exception.class, () -> read("auto", cut));
        assertTrue(e.getMessage().contains("cannot read " + cut.toUri().toString().replace("file:///", "file:/")),
                e.getMessage());
    }

    @Test
    void missingPathIsFileNotFound() {
        Path missing = dir.resolve("nope.jsonl");
        FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> read("auto", missing));
        assertEquals("input " + missing + " does not exist", e.getMessage());
    }

    @Test
    void globMatchingNothingIsFileNotFound() {
        Path glob = dir.resolve("RC_*.zst");
        FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> read("auto", glob));
        assertEquals("input " + glob + " does not exist", e.getMessage());
    }

    @Test
    void emptyFilesAndDirectoriesGiveAnEmptyRdd() throws IOException {
        Path empty = write(dir.resolve("empty.jsonl"), "");
        Path emptyCsv = write(dir.resolve("header-only.csv"), "body\n");
        Path emptyDir = Files.createDirectories(dir.resolve("nothing"));
        assertEquals(0, CommentSources.read(spark, List.of(empty.toString(), emptyCsv.toString(), emptyDir.toString()),
                "auto", ONE_MIB).count());
    }
}
