package org.sparkrnnlm.jobs.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The jobs on a real standalone cluster (a Master and two one-core Workers on 127.0.0.1, started
 * from the build's jars), submitted with {@code submit/rnnlm ... --master spark://...} as a user
 * submits them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern EXECUTOR_PID = Pattern.compile("Started daemon with process name: (\\d+)@");
    private static StandaloneCluster cluster;
    private static Path logs;
    /** The PIDs of the driver JVMs this class started. */
    private static final List<Long> drivers = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startCluster() throws IOException {
        long t0 = System.nanoTime();
        cluster = StandaloneCluster.start(TestData.dir("cluster-ClusterIT"), 2);
        logs = TestData.dir("logs-ClusterIT");
        System.out.printf("[cluster-it] ClusterIT: cluster of 2 workers up after %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) cluster.close();
    }

    private static RnnlmRun submit(String name, List<String> args) throws IOException {
        RnnlmRun run = RnnlmRun.start(logs, name, args);
        drivers.add(run.pid());
        return run.awaitSuccess(cluster::logs);
    }

    private static List<String> onCluster(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--master", cluster.masterUrl()));
        all.addAll(TestData.CLUSTER_CONF);
        return all;
    }

    @Test
    @Order(1)
    void preprocessTrainAndEvaluateOnTheClusterAndTheModelEqualsLocalModes() throws IOException {
        // preprocess
        Path data = TestData.runDir().resolve("dataset-cluster");
        submit("preprocess", onCluster("preprocess", "--input", TestData.smallCsv().toString(), "--output", data.toString(),
                "--vocab-size", "2000"));
        JsonNode stats = JSON.readTree(data.resolve("stats.json").toFile());
        assertEquals(TestData.COMMENTS, stats.get("comments_read").asInt(), "comments read: " + stats);
        long sentences = stats.get("sentences").asLong();
        assertTrue(sentences > 500, "sentences: " + stats);
        assertTrue(Files.isDirectory(data.resolve("sentences")), "no sentences/ in " + data);
        Path shared = TestData.adoptDataset(data);
        if (!shared.equals(data)) {
            // Another test preprocessed the same input in local mode first: the cluster's dataset must be the same one.
            assertEquals(Files.readString(shared.resolve("vocab.tsv")), Files.readString(data.resolve("vocab.tsv")),
                    "vocab.tsv on the cluster vs local[2]");
            assertEquals(JSON.readTree(shared.resolve("stats.json").toFile()), stats, "stats.json on the cluster vs local[2]");
        }

        // train
        Path out = TestData.runDir().resolve("train-cluster");
        RnnlmRun train = submit("train", TestData.train(data, out, cluster.masterUrl()));
        assertTrue(train.stderr().contains(", 2 partitions,"), train.describe());
        assertTrue(Files.isRegularFile(out.resolve("checkpoints/epoch-0004/params.npz")), "no last checkpoint in " + out);
        TestData.assertSameModel(TestData.referenceModel(), out.resolve("model"),
                "the model trained on the cluster vs the same train command in local[2]");

        // evaluate
        RnnlmRun evaluate = submit("evaluate", onCluster("evaluate", "--model", out.resolve("model").toString(),
                "--data", data.toString()));
        List<String> lines = evaluate.stdout().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), "evaluate prints one JSON line\n" + evaluate.describe());
        JsonNode result = JSON.readTree(lines.get(0));
        assertEquals(sentences, result.get("sentences").asLong(), lines.get(0));
        double loss = result.get("loss").asDouble();
        List<String> metrics = Files.readAllLines(out.resolve("metrics.jsonl"));
        double lastTrainLoss = JSON.readTree(metrics.get(metrics.size() - 1)).get("loss").asDouble();
        // The last evaluation of train is the loss of the final model on the same data, summed in another order.
        assertEquals(lastTrainLoss, loss, 1e-6 * lastTrainLoss, "evaluate's loss vs train's last evaluation");
        assertEquals(Math.exp(result.get("per_token_loss").asDouble()), result.get("perplexity").asDouble(), 1e-9 * loss);
    }

    @Test
    @Order(2)
    void executorsAreSeparateJvmsForkedByTheWorkersWithOurJarsShipped() throws IOException {
        if (cluster.executorLogs().isEmpty()) {
            // Run alone: have the cluster run something.
            submit("preprocess-for-executors", onCluster("preprocess", "--input", TestData.smallCsv().toString(),
                    "--output", TestData.runDir().resolve("dataset-executors").toString(), "--vocab-size", "2000"));
        }
        List<Path> executorLogs = cluster.executorLogs();
        Set<Path> workersUsed = new HashSet<>();
        Set<Long> executorPids = new HashSet<>();
        int ranTasks = 0;
        Set<Long> others = new HashSet<>(drivers);
        others.add(ProcessHandle.current().pid());
        for (StandaloneCluster.Worker w : cluster.workers()) others.add(w.process().pid());
        for (Path log : executorLogs) {
            String text = Processes.read(log);
            String context = Processes.tail(log, 20) + cluster.logs();
            // The worker forked it: its own java command, with CoarseGrainedExecutorBackend as the main class.
            assertTrue(text.startsWith("Spark Executor Command: \"" + System.getProperty("java.home")), context);
            assertTrue(text.lines().findFirst().orElse("").contains("org.apache.spark.executor.CoarseGrainedExecutorBackend"), context);
            Matcher m = EXECUTOR_PID.matcher(text);
            assertTrue(m.find(), "no executor PID in " + context);
            long pid = Long.parseLong(m.group(1));
            assertFalse(others.contains(pid), "executor PID " + pid + " is the driver's, a worker's or the test's: " + others);
            assertTrue(executorPids.add(pid), "two executors with PID " + pid);
            workersUsed.add(log.getParent().getParent().getParent()); // worker-N/work
            if (text.contains("INFO CoarseGrainedExecutorBackend: Successfully registered with driver") && text.contains("Running task")) {
                // It ran tasks with our classes: the driver shipped the application jars (spark.jars).
                assertTrue(text.contains("Fetching spark://") && text.contains("rnnlm-core-"), context);
                assertTrue(text.contains("nd4j-native-"), context);
                ranTasks++;
            }
        }
        assertEquals(2, workersUsed.size(), "both workers started executors: " + executorLogs + "\n" + cluster.logs());
        assertTrue(ranTasks > 0, "no executor registered with a driver and ran a task: " + executorLogs + "\n" + cluster.logs());
    }

    /** The regression model trains, evaluates and predicts on the cluster's executors, and trains as in local mode. */
    @Test
    @Order(3)
    void regressionTrainsEvaluatesAndPredictsOnTheClusterAsInLocalMode() throws IOException {
        Path data = TestData.runDir().resolve("dot.jsonl");
        submit("make-dataset", List.of("make-dataset", "dot-product", "--sequences", "400", "--steps", "6", "--seed", "4",
                "--output", data.toString()));
        List<String> train = List.of("train-regression", "--data", data.toString(), "--hidden", "6", "--epochs", "2",
                "--evaluate-every", "1", "--lr", "0.05", "--partitions", "2", "--examples-per-round", "120");
        Path local = TestData.runDir().resolve("regression-local");
        List<String> localArgs = new ArrayList<>(train);
        localArgs.addAll(List.of("--output", local.toString(), "--master", "local[2]"));
        submit("train-regression-local", localArgs);
        Path remote = TestData.runDir().resolve("regression-cluster");
        List<String> remoteArgs = new ArrayList<>(train);
        remoteArgs.addAll(List.of("--output", remote.toString()));
        submit("train-regression", onCluster(remoteArgs.toArray(new String[0])));
        TestData.assertSameModel(local.resolve("model"), remote.resolve("model"), "regression on the cluster vs local[2]");

        RnnlmRun evaluate = submit("evaluate-regression", onCluster("evaluate-regression", "--model", remote.resolve("model").toString(),
                "--data", data.toString()));
        JsonNode figures = JSON.readTree(evaluate.stdout().lines().filter(l -> !l.isBlank()).findFirst().orElse("{}"));
        assertEquals(400, figures.get("sequences").asLong(), evaluate.describe());
        Path predictions = TestData.runDir().resolve("regression-predictions");
        submit("predict", onCluster("predict", "--model", remote.resolve("model").toString(), "--data", data.toString(),
                "--output", predictions.toString()));
        long lines = 0;
        try (var parts = Files.list(predictions)) {
            for (Path p : parts.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
                lines += Files.readAllLines(p).stream().filter(l -> l.contains("\"prediction\"")).count();
            }
        }
        assertEquals(400, lines, "one prediction per sequence in " + predictions);
    }
}
