package org.sparkrnnlm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The score command's line: options, messages and the Parquet it leaves (the values: ScoreWorkflowTest). */
class ScoreCommandTest {
    @TempDir
    static Path dir;
    static Path data;
    static String model;

    @BeforeAll
    static void writeAnUntrainedModel() throws Exception {
        data = Corpora.write(dir, "train.txt", Corpora.lines(30, 4));
        String out = dir.resolve("run").toString();
        CliRun run = CliRun.of("train", "--data", data.toString(), "--output", out, "--hidden", "4", "--epochs", "0", "--master", "local[1]");
        assertEquals(0, run.status(), run.err());
        model = out + "/model";
    }

    @Test
    void helpNamesTheColumnsAndTheDumpOptions() {
        CliRun run = CliRun.of("score", "--help");
        assertEquals(0, run.status());
        for (String word : new String[] {"--dump", "--bad-records", "--max-bad-fraction", "log-probability", "perplexity", "position"}) {
            assertTrue(run.out().contains(word), word + " in " + run.out());
        }
    }

    @Test
    void aDumpOptionWithoutDumpIsAOneLineUsageError() {
        CliRun run = CliRun.of("score", "--model", model, "--data", data.toString(), "--output", dir.resolve("x").toString(),
                "--format", "json", "--master", "local[1]");
        assertEquals(ExitCode.USAGE.status(), run.status(), run.err());
        assertEquals("rnnlm score: --format applies to comment dumps only: add --dump", run.errorLine());
    }

    @Test
    void aRunWritesParquetAndSummarisesItOnStandardError() throws Exception {
        Path out = dir.resolve("scores");
        CliRun run = CliRun.of("score", "--model", model, "--data", data.toString(), "--output", out.toString(), "--master", "local[2]");
        assertEquals(0, run.status(), run.err());
        try (var files = Files.list(out)) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().endsWith(".parquet")), "Parquet part files in " + out);
        }
        assertTrue(run.err().contains("score: 30 sentences"), run.err());
    }
}
