package org.sparkrnnlm.jobs.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkrnnlm.jobs.cli.CliRun;
import org.sparkrnnlm.jobs.spark.SparkSessions;

/**
 * The stage against preprocess on the same comment bodies: the demo's sample dump (quotes,
 * markdown links, entities, multi-line bodies, deleted and removed rows) and a few written here.
 */
class CommentTokenizerStageTest {
    private static final List<String> WRITTEN = List.of(
            "&gt; Quoted text here.\nAnd my reply to it. Short.",
            "[deleted]", "[removed]", "   ", "Ok",
            "See [the docs](https://example.org/a_(b) \"title\") for MORE. It's 3.5 times faster, isn't it?",
            "Line one without a stop\n\nLine two after a blank line; fine.");
    @TempDir
    static Path dir;
    static List<String> bodies;
    static List<String> preprocessText;
    static SparkSession spark;

    @BeforeAll
    static void preprocessTheBodies() throws Exception {
        spark = SparkSessions.create("test", "local[2]", List.of());
        bodies = new ArrayList<>(spark.read().option("header", "true").option("multiLine", "true").option("escape", "\"")
                .csv(Paths.get("..", "demo", "sample-comments.csv").toString()).select("body").as(Encoders.STRING()).collectAsList());
        spark.stop();
        bodies.addAll(WRITTEN);
        List<String> csv = new ArrayList<>(List.of("body"));
        for (String b : bodies) csv.add("\"" + (b == null ? "" : b.replace("\"", "\"\"")) + "\"");
        Path input = Files.write(dir.resolve("comments.csv"), csv, StandardCharsets.UTF_8);
        CliRun run = CliRun.of("preprocess", "--input", input.toString(), "--output", dir.resolve("dataset").toString(), "--write-text",
                "--master", "local[2]");
        assertEquals(0, run.status(), run.err());
        preprocessText = new ArrayList<>();
        try (Stream<Path> parts = Files.list(dir.resolve("dataset/text"))) {
            for (Path p : parts.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList()) {
                preprocessText.addAll(Files.readAllLines(p, StandardCharsets.UTF_8));
            }
        }
        spark = SparkSessions.create("test", "local[2]", List.of());
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) spark.stop();
    }

    private static List<Row> tokenized() {
        Dataset<Row> comments = spark.createDataset(bodies, Encoders.STRING()).toDF("body");
        return new CommentTokenizer().transform(comments).collectAsList();
    }

    @Test
    void sentencesEqualPreprocessOfTheSameBodiesInOrder() {
        List<String> stage = new ArrayList<>();
        for (Row row : tokenized()) {
            for (Object sentence : row.getList(1)) stage.add(String.join(" ", MlRows.strings(sentence)));
        }
        assertTrue(preprocessText.size() > 5000, "the sample has thousands of sentences: " + preprocessText.size());
        assertEquals(preprocessText, stage);
    }

    @Test
    void deletedRemovedBlankAndOneWordCommentsHaveNoSentences() {
        List<Row> rows = tokenized();
        for (int i = bodies.size() - WRITTEN.size() + 1; i <= bodies.size() - WRITTEN.size() + 4; i++) {
            assertEquals(List.of(), rows.get(i).getList(1), "'" + bodies.get(i) + "'");
        }
    }

    @Test
    void aColumnThatIsNotTextFailsNamingIt() {
        Dataset<Row> numbers = spark.range(3).toDF("body");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CommentTokenizer().transform(numbers));
        assertEquals("input column 'body' must be a string, got bigint", e.getMessage());
    }
}
