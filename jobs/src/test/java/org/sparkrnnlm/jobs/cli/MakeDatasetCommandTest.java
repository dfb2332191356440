package org.sparkrnnlm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MakeDatasetCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesTheAskedNumberOfSequencesOfTheAskedLength() throws IOException {
        Path out = dir.resolve("train.jsonl");
        CliRun run = CliRun.of("make-dataset", "dot-product", "--sequences", "25", "--steps", "6", "--seed", "3", "--output", out.toString());
        assertEquals(0, run.status(), run.err());
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertEquals(25, lines.size());
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertEquals(6, first.get("inputs").size());
        assertEquals(2, first.get("inputs").get(0).size());
        assertEquals(1, first.get("target").size());
    }

    @Test
    void defaultsAreTenStepsAndSeedOne() throws IOException {
        Path defaults = dir.resolve("a.jsonl");
        Path explicit = dir.resolve("b.jsonl");
        assertEquals(0, CliRun.of("make-dataset", "dot-product", "--sequences", "4", "--output", defaults.toString()).status());
        assertEquals(0, CliRun.of("make-dataset", "dot-product", "--sequences", "4", "--steps", "10", "--seed", "1",
                "--output", explicit.toString()).status());
        assertEquals(Files.readString(explicit), Files.readString(defaults));
        assertEquals(10, new ObjectMapper().readTree(Files.readAllLines(defaults).get(0)).get("inputs").size());
    }

    @Test
    void badArgumentsExitWithStatusTwoAndOneLine() {
        String out = dir.resolve("x.jsonl").toString();
        List<List<String>> bad = List.of(
                List.of("make-dataset", "parity", "--sequences", "4", "--output", out),
                List.of("make-dataset", "dot-product", "--sequences", "0", "--output", out),
                List.of("make-dataset", "dot-product", "--sequences", "4", "--steps", "0", "--output", out),
                List.of("make-dataset", "dot-product", "--sequences", "many", "--output", out),
                List.of("make-dataset", "dot-product", "--output", out),
                List.of("make-dataset", "dot-product", "--sequences", "4"),
                List.of("make-dataset", "--sequences", "4", "--output", out));
        for (List<String> args : bad) {
            CliRun run = CliRun.of(args.toArray(new String[0]));
            assertEquals(2, run.status(), args + ": " + run.err());
            assertTrue(run.errorLine().startsWith("rnnlm make-dataset: "), args + ": " + run.err());
        }
        assertFalse(Files.exists(dir.resolve("x.jsonl")));
    }

    @Test
    void anExistingOutputFailsWithoutBeingTouched() throws IOException {
        Path out = Files.writeString(dir.resolve("taken.jsonl"), "mine\n");
        CliRun run = CliRun.of("make-dataset", "dot-product", "--sequences", "4", "--output", out.toString());
        assertEquals(2, run.status(), "an output that exists is a usage error, as for every command");
        assertTrue(run.errorLine().contains("already exists"), run.err());
        assertEquals("mine\n", Files.readString(out));
    }
}
