package org.sparkrnnlm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkrnnlm.core.text.TextSentences;
import org.sparkrnnlm.core.text.Vocabulary;
import org.sparkrnnlm.jobs.workflow.DistributedSettings;

/** {@code bench --sections scaling} on a tiny split: one run per optimizer, method and partition count. */
class ScalingBenchTest {
    @TempDir
    Path dir;

    private Path split() throws Exception {
        List<String> train = Corpora.lines(60, 21);
        Corpora.write(dir, "train.txt", train);
        Corpora.write(dir, "heldout.txt", Corpora.lines(20, 22));
        List<List<String>> tokens = new ArrayList<>();
        for (String line : train) tokens.add(TextSentences.tokens(line));
        try (OutputStream out = Files.newOutputStream(dir.resolve("vocab.tsv"))) {
            Vocabulary.fromCounts(TextSentences.count(tokens), 30).write(out);
        }
        return dir;
    }

    @Test
    void reportsHeldoutPerplexityAndSecondsForEachPartitionCountAndMethod() throws Exception {
        CliRun run = CliRun.of("bench", "--sections", "scaling", "--split", split().toString(), "--scaling-partitions", "1,2",
                "--scaling-optimizers", "sgd", "--scaling-sentences-per-partition", "10", "--hidden", "8", "--master", "local[2]",
                "--dump-dir", dir.resolve("bench").toString());
        assertEquals(0, run.status(), run.err());
        JsonNode scaling = new ObjectMapper().readTree(run.out()).get("scaling");
        JsonNode runs = scaling.get("runs");
        assertEquals(4, runs.size());
        for (JsonNode r : runs) {
            double perplexity = r.get("heldout_perplexity").asDouble();
            assertTrue(perplexity > 1 && perplexity < 30, "perplexity over a 30-word vocabulary: " + perplexity);
            assertTrue(r.get("seconds").asDouble() > 0);
        }
        assertEquals("average", runs.get(0).get("method").asText());
        assertEquals("block", runs.get(3).get("method").asText());
        assertEquals(0.5, runs.get(3).get("block_momentum").asDouble(), "auto on 2 partitions");
        assertEquals(runs.get(0).get("heldout_perplexity").asDouble(), runs.get(2).get("heldout_perplexity").asDouble(),
                "on one partition auto momentum is 0: the same run");
        assertEquals("average", runs.get(2).get("same_run_as").asText(), "an identity filter is not trained twice");
        assertEquals(DistributedSettings.DEFAULT_EXAMPLES_PER_ROUND, runs.get(0).get("sentences_per_partition_per_round").asInt(),
                "one partition trains the same model at any round size, so at train's default");
        assertEquals(10, runs.get(1).get("sentences_per_partition_per_round").asInt());
        assertTrue(runs.get(3).get("same_run_as") == null, "momentum 0.5 is a run of its own");
        assertTrue(Files.size(Path.of(scaling.get("plot").asText())) > 1000);
    }

    @Test
    void classSoftmaxRunsTrainTheClassModelWithTheRulesDefaultsShuffled() throws Exception {
        CliRun run = CliRun.of("bench", "--sections", "scaling", "--split", split().toString(), "--scaling-partitions", "2",
                "--scaling-optimizers", "adam", "--scaling-methods", "block", "--scaling-softmax", "class",
                "--scaling-sentences-per-partition", "10", "--hidden", "8", "--master", "local[2]", "--dump-dir", dir.resolve("bench").toString());
        assertEquals(0, run.status(), run.err());
        JsonNode r = new ObjectMapper().readTree(run.out()).get("scaling").get("runs").get(0);
        assertEquals("class", r.get("softmax").asText());
        assertTrue(r.get("shuffled").asBoolean(), "adam shuffles by default, as train does");
        double perplexity = r.get("heldout_perplexity").asDouble();
        assertTrue(perplexity > 1 && perplexity < 30, "perplexity over a 30-word vocabulary: " + perplexity);
    }

    @Test
    void anUnknownSoftmaxIsAUsageError() throws Exception {
        CliRun run = CliRun.of("bench", "--sections", "scaling", "--split", split().toString(), "--scaling-softmax", "tree",
                "--master", "local[1]", "--dump-dir", dir.resolve("bench").toString());
        assertEquals(2, run.status(), run.err());
    }
}
