package org.sparkrnnlm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreprocessCommandTest {
    @TempDir
    static Path dir;
    static Path sample;
    static Path dataset;

    static Path sharedSample() {
        Path p = Paths.get(System.getProperty("shared.dir", "../../shared"), "data", "reddit-comments-2015-08.sample.csv");
        Assumptions.assumeTrue(Files.exists(p), "../shared/data is missing: skipping the tests on the Reddit sample");
        return p;
    }

    @BeforeAll
    static void preprocessTheSample() {
        sample = sharedSample();
        dataset = dir.resolve("dataset");
        CliRun run = CliRun.of("preprocess", "--input", sample.toString(), "--output", dataset.toString(),
                "--vocab-size", "500", "--heldout-fraction", "0.2", "--write-text", "--master", "local[2]");
        assertEquals(0, run.status(), run.err());
    }

    private static JsonNode stats(Path datasetDir) throws IOException {
        return new ObjectMapper().readTree(datasetDir.resolve("stats.json").toFile());
    }

    private static List<String> partLines(Path tableDir) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> parts = Files.list(tableDir)) {
            for (Path p : parts.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList()) {
                lines.addAll(Files.readAllLines(p, StandardCharsets.UTF_8));
            }
        }
        return lines;
    }

    @Test
    void statsHoldWhatTheTutorialPrintsAndWhatWasRead() throws Exception {
        JsonNode stats = stats(dataset);
        assertEquals(211, stats.get("comments_read").asLong());
        assertTrue(stats.get("sentences").asLong() > 500, stats.toString());
        assertTrue(stats.get("distinct_tokens").asLong() > 1000, stats.toString());
        assertEquals(500, stats.get("vocabulary_size").asInt());
        assertTrue(stats.get("least_frequent_word").get("count").asLong() >= 1);
        assertTrue(stats.get("records_rejected").has("deleted"));
    }

    @Test
    void vocabularyHasTheRequestedSizeWithUnknownTokenLast() throws Exception {
        List<String> vocab = Files.readAllLines(dataset.resolve("vocab.tsv"));
        assertEquals(500, vocab.size());
        assertTrue(vocab.get(499).startsWith("UNKNOWN_TOKEN\t"));
        JsonNode least = stats(dataset).get("least_frequent_word");
        assertTrue(vocab.contains(least.get("word").asText() + "\t" + least.get("count").asLong()));
    }

    @Test
    void heldoutSplitTakesAboutTheFractionAndIsDeterministic() throws Exception {
        JsonNode stats = stats(dataset);
        long train = stats.get("sentences").asLong();
        long held = stats.get("heldout_sentences").asLong();
        double fraction = (double) held / (train + held);
        assertTrue(fraction > 0.14 && fraction < 0.26, "held-out fraction " + fraction);
        Path again = dir.resolve("again");
        assertEquals(0, CliRun.of("preprocess", "--input", sample.toString(), "--output", again.toString(), "--vocab-size", "500",
                "--heldout-fraction", "0.2", "--master", "local[2]").status());
        assertEquals(held, stats(again).get("heldout_sentences").asLong());
        assertEquals(Files.readAllLines(dataset.resolve("vocab.tsv")), Files.readAllLines(again.resolve("vocab.tsv")));
    }

    @Test
    void writeTextWritesOneTokenizedSentencePerLine() throws Exception {
        List<String> lines = partLines(dataset.resolve("text"));
        assertEquals(stats(dataset).get("sentences").asLong(), lines.size());
        for (String line : lines) {
            assertTrue(line.split(" ").length >= 2 && !line.contains("SENTENCE_START"), line);
            assertEquals(line.toLowerCase(java.util.Locale.ROOT), line);
        }
    }

    @Test
    void aReusedVocabularyKeepsTheIds() throws Exception {
        Path reused = dir.resolve("reused");
        CliRun run = CliRun.of("preprocess", "--input", sample.toString(), "--output", reused.toString(),
                "--vocab", dataset.resolve("vocab.tsv").toString(), "--master", "local[2]");
        assertEquals(0, run.status(), run.err());
        assertEquals(Files.readAllLines(dataset.resolve("vocab.tsv")), Files.readAllLines(reused.resolve("vocab.tsv")));
    }

    @Test
    void trainAndEvaluateAcceptTheDatasetDirectory() throws Exception {
        String out = dir.resolve("run").toString();
        CliRun train = CliRun.of("train", "--data", dataset.toString(), "--heldout", dataset.resolve("heldout").toString(),
                "--output", out, "--hidden", "8", "--epochs", "1", "--master", "local[2]");
        assertEquals(0, train.status(), train.err());
        CliRun evaluate = CliRun.of("evaluate", "--model", out + "/model", "--data", dataset.toString(), "--master", "local[2]");
        assertEquals(0, evaluate.status(), evaluate.err());
        assertEquals(stats(dataset).get("sentences").asLong(), new ObjectMapper().readTree(evaluate.out()).get("sentences").asLong());
    }

    @Test
    void rejectedRecordsAreCountedAndWrittenWithTheirReason() throws Exception {
        Path csv = dir.resolve("mixed.csv");
        Files.writeString(csv, "body\n\"A fine comment. It has two sentences here.\"\n[deleted]\n[removed]\n\"\"\n"
                + "\"Another good comment, with enough words.\"\n\"bad\",\"extra column\"\n", StandardCharsets.UTF_8);
        Path bad = dir.resolve("bad");
        Path out = dir.resolve("mixed");
        CliRun run = CliRun.of("preprocess", "--input", csv.toString(), "--output", out.toString(), "--bad-records", bad.toString(),
                "--max-bad-fraction", "0.5", "--master", "local[1]");
        assertEquals(0, run.status(), run.err());
        JsonNode rejected = stats(out).get("records_rejected");
        assertEquals(1, rejected.get("deleted").asLong());
        assertEquals(1, rejected.get("removed").asLong());
        assertEquals(1, rejected.get("empty").asLong());
        assertEquals(1, rejected.get("malformed_csv").asLong());
        List<String> lines = partLines(bad);
        assertEquals(4, lines.size());
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"reason\":\"malformed_csv\"")), lines.toString());
    }

    @Test
    void tooManyMalformedRecordsFailTheJobWithOneLine() throws Exception {
        Path json = dir.resolve("broken.json");
        Files.writeString(json, "{\"body\": \"one good comment here. and more words.\"}\n{not json\n{\"body\": 5}\n", StandardCharsets.UTF_8);
        CliRun run = CliRun.of("preprocess", "--input", json.toString(), "--output", dir.resolve("broken").toString(),
                "--max-bad-fraction", "0.1", "--master", "local[1]");
        assertEquals(ExitCode.BAD_INPUT.status(), run.status());
        assertTrue(run.errorLine().contains("--max-bad-fraction"), run.err());
    }

    @Test
    void anEmptyInputIsAClearError() throws Exception {
        Path empty = dir.resolve("empty.json");
        Files.writeString(empty, "");
        CliRun run = CliRun.of("preprocess", "--input", empty.toString(), "--output", dir.resolve("e").toString(), "--master", "local[1]");
        assertEquals(ExitCode.BAD_INPUT.status(), run.status());
        assertTrue(run.errorLine().contains("no records"), run.err());
    }

    @Test
    void aMissingInputIsAClearError() {
        CliRun run = CliRun.of("preprocess", "--input", dir.resolve("nowhere.csv").toString(), "--output", dir.resolve("m").toString(),
                "--master", "local[1]");
        assertEquals(ExitCode.BAD_INPUT.status(), run.status());
        assertTrue(run.errorLine().contains("does not exist"), run.err());
    }

    @Test
    void tablesAreParquetFilesWithIdsAsATwoLevelListAndSparksSchemaInTheFooter() throws Exception {
        for (String table : List.of("sentences", "heldout")) {
            Path part;
            try (Stream<Path> parts = Files.list(dataset.resolve(table))) {
                part = parts.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
            }
            assertTrue(Files.exists(dataset.resolve(table).resolve("_SUCCESS")), table);
            try (org.apache.parquet.hadoop.ParquetFileReader reader = org.apache.parquet.hadoop.ParquetFileReader.open(
                    org.apache.parquet.hadoop.util.HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(part.toUri()),
                            new org.apache.hadoop.conf.Configuration()))) {
                org.apache.parquet.hadoop.metadata.FileMetaData meta = reader.getFooter().getFileMetaData();
                assertEquals(org.apache.parquet.schema.MessageTypeParser.parseMessageType(
                        "message spark_schema { required int64 position; required group ids (LIST) { repeated int32 array; } }"),
                        meta.getSchema(), table);
                String sparkSchema = meta.getKeyValueMetaData().get("org.apache.spark.sql.parquet.row.metadata");
                assertEquals(org.apache.spark.sql.types.DataType.fromJson(sparkSchema).json(),
                        new org.apache.spark.sql.types.StructType()
                                .add("position", org.apache.spark.sql.types.DataTypes.LongType, false)
                                .add("ids", org.apache.spark.sql.types.DataTypes.createArrayType(
                                        org.apache.spark.sql.types.DataTypes.IntegerType, false), false).json(), table);
                assertTrue(reader.getRecordCount() > 0, table);
            }
        }
    }
}
