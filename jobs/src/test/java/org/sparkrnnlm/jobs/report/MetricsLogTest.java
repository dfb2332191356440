package org.sparkrnnlm.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkrnnlm.jobs.hadoop.HadoopFileStore;

class MetricsLogTest {
    private static final MetricsRecord FIRST = new MetricsRecord(1, 12_000L, 5.25, 5.125, 5.5, 0.1, 4210.5, 171.0);
    private static final MetricsRecord SECOND = new MetricsRecord(2, 24_000L, 4.75, 4.625, null, 0.05, 4300.0, 342.5);

    @TempDir java.nio.file.Path dir;
    private final Configuration conf = new Configuration();

    private final HadoopFileStore store = new HadoopFileStore(conf);

    private String file() {
        return dir.resolve("metrics.jsonl").toString();
    }

    private List<String> lines() throws Exception {
        return Files.readAllLines(dir.resolve("metrics.jsonl"), StandardCharsets.UTF_8);
    }

    @Test
    void linesParseBackWithExactSnakeCaseKeysAndValues() throws Exception {
        new MetricsLog(store, file()).append(FIRST);

        List<String> lines = lines();
        assertEquals(1, lines.size());
        JsonNode json = new ObjectMapper().readTree(lines.get(0));
        Set<String> keys = new TreeSet<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertEquals(new TreeSet<>(List.of("epoch", "examples_seen", "loss", "learning_rate",
                "per_target_loss", "training_loss", "targets_per_second", "elapsed_seconds")), keys);
        assertEquals(1, json.get("epoch").asInt());
        assertEquals(12_000L, json.get("examples_seen").asLong());
        assertEquals(5.25, json.get("loss").asDouble());
        assertEquals(0.1, json.get("learning_rate").asDouble());
        assertEquals(5.5, json.get("training_loss").asDouble());
        assertEquals(5.125, json.get("per_target_loss").asDouble());
        assertEquals(4210.5, json.get("targets_per_second").asDouble());
        assertEquals(171.0, json.get("elapsed_seconds").asDouble());
    }

    @Test
    void appendingTwiceKeepsBothRecords() throws Exception {
        MetricsLog log = new MetricsLog(store, file());
        log.append(FIRST);
        log.append(SECOND);

        assertEquals(2, lines().size());
        assertEquals(List.of(FIRST, SECOND), log.records());
        assertFalse(Files.exists(dir.resolve(".metrics.jsonl.tmp")), "temporary file left behind");
        try (var names = Files.list(dir)) {
            assertEquals(List.of("metrics.jsonl"), names.map(p -> p.getFileName().toString()).toList(), "no .crc or other companion");
        }
    }

    @Test
    void readReturnsWhatWasWritten() throws Exception {
        MetricsLog log = new MetricsLog(store, file());
        log.append(FIRST);
        log.append(SECOND);

        assertEquals(List.of(FIRST, SECOND), MetricsLog.read(store, file()));
    }

    @Test
    void reopeningAnExistingLogKeepsItsRecords() throws Exception {
        new MetricsLog(store, file()).append(FIRST);

        MetricsLog resumed = new MetricsLog(store, file());
        resumed.append(SECOND);

        assertEquals(List.of(FIRST, SECOND), MetricsLog.read(store, file()));
    }
}
