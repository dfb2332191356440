package org.sparkrnnlm.jobs.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkrnnlm.core.model.LanguageModelFiles;
import org.sparkrnnlm.core.store.LocalFileStore;
import org.sparkrnnlm.jobs.spark.LocalSparkTest;

/** README's Java example is ScoreComments.java as compiled and run here, so the two cannot drift apart. */
class ReadmeExampleTest extends LocalSparkTest {
    private static final Path SOURCE = Paths.get("src/test/java/org/sparkrnnlm/jobs/ml/ScoreComments.java");
    private static final String README_MARKER = "<!-- jobs/src/test/java/org/sparkrnnlm/jobs/ml/ScoreComments.java -->";
    @TempDir
    Path dir;

    /** The example file from the line after its marker comment to its end. */
    private static String exampleSource() throws Exception {
        List<String> lines = Files.readAllLines(SOURCE, StandardCharsets.UTF_8);
        int marker = lines.indexOf("// README.md shows this file from the next line on, verbatim; ReadmeExampleTest keeps the two equal.");
        assertTrue(marker >= 0, "ScoreComments.java lost its marker line");
        return String.join("\n", lines.subList(marker + 1, lines.size())).strip();
    }

    /** The fenced java block right after the marker comment in README.md. */
    private static String readmeBlock() throws Exception {
        List<String> lines = Files.readAllLines(Paths.get("..", "README.md"), StandardCharsets.UTF_8);
        int marker = lines.indexOf(README_MARKER);
        assertTrue(marker >= 0, "README.md lost the marker " + README_MARKER);
        assertEquals("```java", lines.get(marker + 1));
        int end = lines.subList(marker + 2, lines.size()).indexOf("```") + marker + 2;
        return String.join("\n", lines.subList(marker + 2, end)).strip();
    }

    @Test
    void readmesJavaExampleIsTheCompiledExampleVerbatim() throws Exception {
        assertEquals(exampleSource(), readmeBlock());
    }

    @Test
    void theExampleTrainsScoresAndSavesAPipelineWhoseModelTheCommandsRead() throws Exception {
        List<String> csv = new ArrayList<>(List.of("body"));
        for (List<String> s : MlFixtures.sentences(40, 9)) csv.add("\"" + String.join(" ", s) + "\n\"\"quoted\"\" line.\"");
        Path input = Files.write(dir.resolve("comments.csv"), csv, StandardCharsets.UTF_8);
        String saved = dir.resolve("saved").toString();
        ScoreComments.run(spark, input.toString(), saved);
        PipelineModel loaded = PipelineModel.load(saved);
        List<Row> rows = loaded.transform(spark.read().option("header", "true").option("multiLine", "true").option("escape", "\"")
                .csv(input.toString())).collectAsList();
        assertEquals(40, rows.size());
        assertTrue(rows.stream().allMatch(r -> r.<Double>getAs("perplexity") > 1));
        Path modelDir;
        try (Stream<Path> stages = Files.list(Paths.get(saved, "stages"))) {
            modelDir = stages.filter(p -> p.getFileName().toString().startsWith("1_")).findFirst().orElseThrow().resolve("model");
        }
        assertEquals(50, LanguageModelFiles.load(new LocalFileStore(), modelDir.toString()).model().hiddenSize());
    }
}
