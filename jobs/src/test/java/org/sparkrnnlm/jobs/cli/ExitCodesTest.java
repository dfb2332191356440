package org.sparkrnnlm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each exit status of the command line, produced the way a user meets it. */
class ExitCodesTest {
    @TempDir
    static Path dir;
    static Path data;
    static String model;

    @BeforeAll
    static void trainATinyModel() throws Exception {
        data = Corpora.write(dir, "train.txt", Corpora.lines(40, 3));
        String out = dir.resolve("run").toString();
        CliRun run = CliRun.of("train", "--data", data.toString(), "--output", out, "--hidden", "4", "--epochs", "0",
                "--master", "local[1]");
        assertEquals(0, run.status(), run.err());
        model = out + "/model";
    }

    @Test
    void theCodesAreDistinctAndSuccessIsZero() {
        assertEquals(List.of(0, 1, 2, 3, 4, 5), java.util.Arrays.stream(ExitCode.values()).map(ExitCode::status).toList());
        assertEquals(ExitCode.SUCCESS.status(), CliRun.of("generate", "--model", model, "--count", "1").status());
    }

    @Test
    void aValueOutOfRangeIsAUsageError() {
        CliRun run = CliRun.of("generate", "--model", model, "--count", "-1");
        assertEquals(ExitCode.USAGE.status(), run.status(), run.err());
    }

    @Test
    void tooManyMalformedRecordsAreBadInput() throws Exception {
        Path json = Files.writeString(dir.resolve("broken.json"), "{\"body\": \"a good comment with words.\"}\n{not json\n",
                StandardCharsets.UTF_8);
        CliRun run = CliRun.of("preprocess", "--input", json.toString(), "--output", dir.resolve("p").toString(), "--master", "local[1]");
        assertEquals(ExitCode.BAD_INPUT.status(), run.status(), run.err());
        assertTrue(run.errorLine().contains("--max-bad-fraction"), run.err());
    }

    @Test
    void aMissingInputIsBadInput() {
        CliRun run = CliRun.of("evaluate", "--model", model, "--data", dir.resolve("absent.txt").toString(), "--master", "local[1]");
        assertEquals(ExitCode.BAD_INPUT.status(), run.status(), run.err());
        assertTrue(run.errorLine().contains("does not exist"), run.err());
    }

    @Test
    void badInputFoundInsideATaskIsBadInputToo() {
        String table = dir.resolve("foreign-table").toString();
        org.apache.spark.sql.SparkSession spark = org.sparkrnnlm.jobs.spark.SparkSessions.create("test", "local[1]", List.of());
        try {
            spark.createDataFrame(List.of(org.apache.spark.sql.RowFactory.create(0L, List.of(0, 9999, 1))),
                    new org.apache.spark.sql.types.StructType().add("position", "long").add("ids", "array<int>")).write().parquet(table);
        } finally {
            spark.stop();
        }
        CliRun run = CliRun.of("score", "--model", model, "--data", table, "--output", dir.resolve("s").toString(), "--master", "local[1]");
        assertEquals(ExitCode.BAD_INPUT.status(), run.status(), run.err());
        assertTrue(run.errorLine().contains("word id 9999"), run.err());
    }

    @Test
    void trainingThatKeepsDivergingHasItsOwnCode() {
        CliRun run = CliRun.of("train", "--data", data.toString(), "--output", dir.resolve("diverged").toString(), "--hidden", "4",
                "--epochs", "3", "--evaluate-every", "1", "--lr", "1e6", "--max-rollbacks", "0", "--master", "local[1]");
        assertEquals(ExitCode.DIVERGED.status(), run.status(), run.err());
        assertTrue(run.errorLine().startsWith("rnnlm train: "), run.err());
    }

    @Test
    void anOutputThatCannotBeWrittenIsAnIoFailure() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "not a directory\n");
        CliRun run = CliRun.of("make-dataset", "dot-product", "--sequences", "4", "--output", file.resolve("out.jsonl").toString());
        assertEquals(ExitCode.IO.status(), run.status(), run.err());
        assertEquals(1, run.err().lines().filter(l -> l.startsWith("rnnlm ")).count(), run.err());
    }

    @Test
    void aModelThatDoesNotFitTheDataIsAnOtherFailure() throws Exception {
        Path dataset = dir.resolve("other-vocabulary");
        Files.createDirectories(dataset.resolve("sentences"));
        Files.write(dataset.resolve("vocab.tsv"), List.of("SENTENCE_START\t1", "SENTENCE_END\t1", "UNKNOWN_TOKEN\t0"));
        CliRun run = CliRun.of("evaluate", "--model", model, "--data", dataset.toString(), "--master", "local[1]");
        assertEquals(ExitCode.FAILURE.status(), run.status(), run.err());
        assertTrue(run.errorLine().contains("different vocabulary"), run.err());
    }
}
