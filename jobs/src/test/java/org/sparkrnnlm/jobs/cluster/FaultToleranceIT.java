package org.sparkrnnlm.jobs.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Failures during training on a real standalone cluster change nothing: a failed and retried task,
 * a worker machine that dies (worker and executor SIGKILLed), a driver killed and the run resumed
 * from its checkpoint. Each run's model must equal, bit for bit, the model of an uninterrupted run
 * with the same settings ({@link TestData#referenceModel()}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultToleranceIT {
    private static StandaloneCluster cluster;
    private static Path logs;

    @BeforeAll
    static void startCluster() throws IOException {
        long t0 = System.nanoTime();
        cluster = StandaloneCluster.start(TestData.dir("cluster-FaultToleranceIT"), 2);
        logs = TestData.dir("logs-FaultToleranceIT");
        System.out.printf("[cluster-it] FaultToleranceIT: cluster of 2 workers up after %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) cluster.close();
    }

    /** Two live workers, as the tests assume: replaces any a previous test killed. */
    private static void twoWorkers() throws IOException {
        while (cluster.workers().size() < 2) cluster.addWorker();
    }

    private static String context(RnnlmRun run) {
        return run.describe() + cluster.logs();
    }

    @Test
    @Order(1)
    void aTaskThatFailsOnceIsRetriedAndTheModelIsUnchanged() throws IOException {
        twoWorkers();
        Path data = TestData.dataset();
        Path out = TestData.runDir().resolve("train-task-failure");
        // Epoch 0, round 1, partition 1 throws on its first attempt (FaultInjection).
        RnnlmRun run = RnnlmRun.start(logs, "train-task-failure", TestData.train(data, out, cluster.masterUrl(),
                "--conf", "spark.rnnlm.test.failTaskOnce=0:1:1")).awaitSuccess(cluster::logs);
        String err = run.stderr();
        assertTrue(err.contains("injected failure (spark.rnnlm.test.failTaskOnce) in epoch 0, round 1, partition 1"),
                "the driver log does not show the injected task failure\n" + context(run));
        TestData.assertSameModel(TestData.referenceModel(), out.resolve("model"),
                "a run with one failed and retried task vs an uninterrupted run");
    }

    @Test
    @Order(2)
    void aWorkerKilledDuringTrainingChangesNothing() throws IOException {
        killAWorkerDuringTraining("train-worker-killed");
    }

    @Test
    @Order(4)
    void aWorkerKilledDuringAdamTrainingWithBlockMomentumChangesNothing() throws IOException {
        killAWorkerDuringTraining("train-worker-killed-block-momentum", "--optimizer", "adam", "--block-momentum", "0.5");
    }

    /** Gradient mode's rounds go over the driver's round channel: the lost task's retry rejoins it or the epoch ends in jobs. */
    @Test
    @Order(5)
    void aWorkerKilledDuringGradientTrainingOverTheRoundChannelChangesNothing() throws IOException {
        killAWorkerDuringTraining("train-worker-killed-gradient", "--mode", "gradient", "--batch-size", "8");
    }

    /** Kills a worker and its executor in epoch 1; the run must finish with the model of an uninterrupted one. */
    private void killAWorkerDuringTraining(String name, String... settings) throws IOException {
        twoWorkers();
        Path data = TestData.dataset();
        Path reference = TestData.referenceModel(settings); // before the run: it must not compete for the cores
        Path out = TestData.runDir().resolve(name);
        RnnlmRun run = RnnlmRun.start(logs, name, TestData.train(data, out, cluster.masterUrl(), settings));
        try {
            StandaloneCluster.Worker victim = cluster.workers().get(0);
            Processes.await("training to reach epoch 1 with an executor on worker " + victim.index(), RnnlmRun.TIMEOUT, () -> {
                if (!run.isAlive()) throw new AssertionError("train exited before the kill\n" + context(run));
                return run.stderr().contains("(epoch 1):") && !victim.executors().isEmpty();
            }, () -> context(run));
            List<Long> executors = cluster.killWorker(victim);
            System.out.printf("[cluster-it] killed worker %d (PID %d) and its executor(s) %s with SIGKILL after %.1f s%n",
                    victim.index(), victim.process().pid(), executors, run.seconds());
            assertFalse(executors.isEmpty(), "the killed worker ran no executor");
            assertTrue(run.isAlive(), "train finished before the worker was killed: nothing was tested\n" + context(run));
            assertFalse(Files.exists(out.resolve("model")), "train finished before the worker was killed");
            cluster.addWorker(); // the replacement machine
            run.awaitSuccess(cluster::logs);
        } finally {
            if (run.isAlive()) run.killTree();
        }
        assertTrue(run.stderr().contains("Lost executor"), "the driver did not report the lost executor\n" + context(run));
        TestData.assertSameModel(reference, out.resolve("model"), "a run that lost a worker vs an uninterrupted run");
    }

    @Test
    @Order(3)
    void aDriverKilledDuringTrainingResumesFromItsCheckpointToTheSameModel() throws IOException {
        twoWorkers();
        Path data = TestData.dataset();
        Path reference = TestData.referenceModel();
        Path out = TestData.runDir().resolve("train-driver-killed");
        RnnlmRun first = RnnlmRun.start(logs, "train-driver-killed", TestData.train(data, out, cluster.masterUrl()));
        try {
            // Kill in the middle of epoch 2: its checkpoint is complete and its evaluation is already in
            // metrics.jsonl, which the resumed run evaluates again.
            Path checkpoint = out.resolve("checkpoints/epoch-0002");
            Processes.await("checkpoint " + checkpoint + " and the evaluation of epoch 2", RnnlmRun.TIMEOUT, () -> {
                if (!first.isAlive()) throw new AssertionError("train exited before the kill\n" + context(first));
                return Files.isDirectory(checkpoint) && first.stderr().contains("(epoch 2):")
                        && Processes.read(out.resolve("metrics.jsonl")).contains("\"epoch\":2,");
            }, () -> context(first));
        } finally {
            first.killTree(); // SIGKILL to the driver JVM and anything it started
        }
        System.out.printf("[cluster-it] killed the driver (PID %d) with SIGKILL after %.1f s%n", first.pid(), first.seconds());
        assertEquals(128 + 9, exitValue(first), "the driver's exit status: killed by SIGKILL");
        assertFalse(Files.exists(out.resolve("model")), "train finished before its driver was killed: nothing was tested");

        RnnlmRun resumed = RnnlmRun.start(logs, "train-resumed", TestData.train(data, out, cluster.masterUrl(), "--resume"))
                .awaitSuccess(cluster::logs);
        assertTrue(resumed.stderr().matches("(?s).*train: resuming from \\S*checkpoints/epoch-000[23] \\(epoch [23],.*"),
                "train --resume did not resume from the checkpoint of epoch 2 or 3\n" + context(resumed));
        TestData.assertSameModel(reference, out.resolve("model"),
                "a run whose driver was killed in epoch 2, resumed with --resume, vs an uninterrupted run");
        // One record per evaluation, as in the uninterrupted run: none doubled by the evaluation done again.
        assertEquals(TestData.metricsEpochs(reference.getParent()), TestData.metricsEpochs(out), "metrics.jsonl epochs after --resume");
    }

    private static int exitValue(RnnlmRun run) {
        try {
            return run.awaitExit(cluster::logs);
        } catch (AssertionError e) {
            return -1;
        }
    }
}
