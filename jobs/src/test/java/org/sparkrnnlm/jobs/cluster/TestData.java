package org.sparkrnnlm.jobs.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sparkrnnlm.core.store.NpyArray;
import org.sparkrnnlm.core.store.Npz;

/**
 * What the cluster tests share within one JVM: the input (the first {@value #COMMENTS} comments of
 * {@code demo/sample-comments.csv}), its dataset, the training settings every test uses, and the
 * model of one uninterrupted run with those settings, which each fault-tolerance test compares its
 * model with. The dataset and the reference model are made once, by whichever test needs them first.
 */
final class TestData {
    static final int COMMENTS = 300;
    /** The training settings of every run in these tests: small and quick, 2 partitions, input order. */
    static final List<String> TRAIN = List.of("--hidden", "16", "--epochs", "4", "--evaluate-every", "1",
            "--partitions", "2", "--sentences-per-round", "200", "--no-shuffle");
    /** Two executors of one core each, 1 GiB: fits the 2 one-core workers of 2 GiB. */
    static final List<String> CLUSTER_CONF = List.of("--conf", "spark.executor.memory=1g", "--conf", "spark.cores.max=2");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path runDir;
    private static Path csv;
    private static Path dataset;
    /** Reference models by the settings added to {@link #TRAIN}. */
    private static final Map<List<String>, Path> REFERENCE_MODELS = new HashMap<>();

    private TestData() {
    }

    /** The repository root: failsafe's {@code project.root}, else the nearest parent holding submit/rnnlm. */
    static Path root() {
        String prop = System.getProperty("project.root");
        if (prop != null && Files.isRegularFile(Path.of(prop, "submit", "rnnlm"))) return Path.of(prop).toAbsolutePath();
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("submit/rnnlm"))) return p;
        }
        throw new IllegalStateException("cannot find the repository root (submit/rnnlm): set -Dproject.root");
    }

    /** A fresh directory for this JVM's runs under {@code jobs/target/cluster-it/}. */
    static synchronized Path runDir() throws IOException {
        if (runDir == null) {
            Path base = Files.createDirectories(root().resolve("jobs/target/cluster-it"));
            runDir = Files.createTempDirectory(base, "run-");
        }
        return runDir;
    }

    static Path dir(String name) throws IOException {
        return Files.createDirectories(runDir().resolve(name));
    }

    /**
     * The header and the first {@value #COMMENTS} records of the demo dump, cut at a record boundary
     * (RFC 4180: a newline inside a quoted field does not end the record).
     */
    static synchronized Path smallCsv() throws IOException {
        if (csv != null) return csv;
        String all = Files.readString(root().resolve("demo/sample-comments.csv"), StandardCharsets.UTF_8);
        int records = -1; // the header is record 0
        boolean quoted = false;
        int end = all.length();
        for (int i = 0; i < all.length(); i++) {
            char c = all.charAt(i);
            if (c == '"') quoted = !quoted; // an escaped quote "" toggles twice
            else if (c == '\n' && !quoted && ++records == COMMENTS) {
                end = i + 1;
                break;
            }
        }
        if (records != COMMENTS) throw new IllegalStateException("demo/sample-comments.csv has fewer than " + COMMENTS + " records");
        csv = runDir().resolve("comments-" + COMMENTS + ".csv");
        Files.writeString(csv, all.substring(0, end), StandardCharsets.UTF_8);
        return csv;
    }

    /** The shared dataset: the one a test offered, else {@code preprocess} of {@link #smallCsv()} in local[2]. */
    static synchronized Path dataset() throws IOException {
        if (dataset == null) {
            Path out = runDir().resolve("dataset-local");
            RnnlmRun.succeed(dir("logs"), "preprocess-local", List.of("preprocess", "--input", smallCsv().toString(),
                    "--output", out.toString(), "--vocab-size", "2000", "--master", "local[2]"), () -> "");
            dataset = out;
        }
        return dataset;
    }

    /** Makes {@code candidate} the shared dataset when there is none yet; returns the shared one. */
    static synchronized Path adoptDataset(Path candidate) {
        if (dataset == null) dataset = candidate;
        return dataset;
    }

    /**
     * The model of an uninterrupted {@code train} with {@link #TRAIN} and {@code more} on {@link #dataset()}
     * in local[2], made once per distinct settings.
     */
    static synchronized Path referenceModel(String... more) throws IOException {
        List<String> key = List.of(more);
        Path model = REFERENCE_MODELS.get(key);
        if (model == null) {
            String name = "train-reference" + (more.length == 0 ? "" : "-" + REFERENCE_MODELS.size());
            Path out = runDir().resolve(name);
            RnnlmRun.succeed(dir("logs"), name, train(dataset(), out, "local[2]", more), () -> "");
            model = out.resolve("model");
            REFERENCE_MODELS.put(key, model);
        }
        return model;
    }

    /** {@code train --data DATA --output OUT} with the shared settings and {@code --master MASTER}. */
    static List<String> train(Path data, Path out, String master, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--data", data.toString(), "--output", out.toString()));
        args.addAll(TRAIN);
        args.addAll(List.of("--master", master));
        if (master.startsWith("spark://")) args.addAll(CLUSTER_CONF);
        args.addAll(List.of(more));
        return args;
    }

    /** A model's parameters from its {@code params.npz}, by name. */
    static Map<String, NpyArray> params(Path model) throws IOException {
        Path file = model.resolve("params.npz");
        assertTrue(Files.isRegularFile(file), "no " + file);
        try (InputStream in = Files.newInputStream(file)) {
            return new LinkedHashMap<>(Npz.read(in));
        }
    }

    /**
     * Asserts that two models are the same: {@code params.npz} arrays equal bit for bit (names, shapes,
     * dtypes, values) and {@code model.json} with the same epoch, examples seen, learning rate and loss history.
     */
    static void assertSameModel(Path expectedModel, Path actualModel, String what) throws IOException {
        assertSameParameters(expectedModel, actualModel, what);
        JsonNode expected = JSON.readTree(expectedModel.resolve("model.json").toFile());
        JsonNode actual = JSON.readTree(actualModel.resolve("model.json").toFile());
        for (String field : List.of("epoch", "examples_seen", "learning_rate", "loss_history")) {
            assertEquals(expected.get(field), actual.get(field), what + ": model.json " + field);
        }
    }

    /** The {@code epoch} of every record of {@code DIR/metrics.jsonl}, in file order. */
    static List<Integer> metricsEpochs(Path trainOutput) throws IOException {
        List<Integer> epochs = new ArrayList<>();
        for (String line : Files.readAllLines(trainOutput.resolve("metrics.jsonl"))) {
            if (!line.isBlank()) epochs.add(JSON.readTree(line).get("epoch").asInt());
        }
        return epochs;
    }

    /** Asserts that two models' parameters are equal bit for bit (same names, shapes, dtypes and values). */
    static void assertSameParameters(Path expectedModel, Path actualModel, String what) throws IOException {
        Map<String, NpyArray> expected = params(expectedModel);
        Map<String, NpyArray> actual = params(actualModel);
        assertFalse(expected.isEmpty(), "reference " + expectedModel + " has no arrays");
        assertEquals(expected.keySet(), actual.keySet(), what + ": parameter names");
        for (String name : expected.keySet()) {
            NpyArray e = expected.get(name);
            NpyArray a = actual.get(name);
            assertArrayEquals(e.shape(), a.shape(), what + ": shape of " + name);
            assertEquals(e.dtypeName(), a.dtypeName(), what + ": dtype of " + name);
            if (e.isDouble()) {
                assertTrue(java.util.Arrays.equals(e.doubles(), a.doubles()), what + ": " + name + " differs from " + expectedModel
                        + " (first difference at " + java.util.Arrays.mismatch(e.doubles(), a.doubles()) + ")");
            } else {
                assertTrue(java.util.Arrays.equals(e.floats(), a.floats()), what + ": " + name + " differs from " + expectedModel
                        + " (first difference at " + java.util.Arrays.mismatch(e.floats(), a.floats()) + ")");
            }
        }
    }
}
