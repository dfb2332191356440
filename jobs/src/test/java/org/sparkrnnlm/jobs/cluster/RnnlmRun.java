package org.sparkrnnlm.jobs.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One {@code submit/rnnlm COMMAND ...} run as a child process, the way a user runs it: without
 * {@code SPARK_HOME}, so the script's embedded launcher runs the job from the build's jars (and
 * ships them to a cluster's executors itself). Standard output and error go to files.
 */
final class RnnlmRun {
    /** What a single command may take before the test fails with the logs' tails. */
    static final Duration TIMEOUT = Duration.ofSeconds(180);

    private final String name;
    private final List<String> command;
    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private final long startNanos = System.nanoTime();
    private long endNanos;

    private RnnlmRun(String name, List<String> command, Process process, Path stdout, Path stderr) {
        this.name = name;
        this.command = command;
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Starts {@code submit/rnnlm args...}; its output goes to {@code logDir/name.out} and {@code .err}. */
    static RnnlmRun start(Path logDir, String name, List<String> args) throws IOException {
        Files.createDirectories(logDir);
        List<String> command = new ArrayList<>();
        command.add(TestData.root().resolve("submit/rnnlm").toString());
        command.addAll(args);
        Path out = logDir.resolve(name + ".out");
        Path err = logDir.resolve(name + ".err");
        ProcessBuilder pb = new ProcessBuilder(command).directory(TestData.root().toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        Map<String, String> env = pb.environment();
        env.remove("SPARK_HOME");
        env.remove("SPARK_CONF_DIR");
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("OMP_NUM_THREADS", "1");
        Process p = pb.start();
        return new RnnlmRun(name, command, p, out, err);
    }

    /** Runs {@code submit/rnnlm args...} to the end and asserts exit status 0. */
    static RnnlmRun succeed(Path logDir, String name, List<String> args, Supplier<String> context) throws IOException {
        return start(logDir, name, args).awaitSuccess(context);
    }

    /** The PID of the job's JVM: the script {@code exec}s java, so it is the process started. */
    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String stdout() {
        return Processes.read(stdout);
    }

    String stderr() {
        return Processes.read(stderr);
    }

    Path stderrFile() {
        return stderr;
    }

    double seconds() {
        return ((endNanos == 0 ? System.nanoTime() : endNanos) - startNanos) / 1e9;
    }

    /**
     * Waits for the exit status; after {@link #TIMEOUT} kills the job's process tree and fails with the
     * tails of its logs and of {@code context} (e.g. the cluster's logs).
     */
    int awaitExit(Supplier<String> context) {
        try {
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                Processes.killTree(process.toHandle());
                throw new AssertionError(name + " did not finish within " + TIMEOUT.toSeconds() + " s\n" + describe() + context.get());
            }
        } catch (InterruptedException e) {
            Processes.killTree(process.toHandle());
            Thread.currentThread().interrupt();
            throw new AssertionError(name + ": interrupted", e);
        }
        endNanos = System.nanoTime();
        System.out.printf("[cluster-it] %s: exit %d after %.1f s%n", name, process.exitValue(), seconds());
        return process.exitValue();
    }

    RnnlmRun awaitSuccess(Supplier<String> context) {
        int status = awaitExit(context);
        if (status != 0) throw new AssertionError(name + " exited with " + status + "\n" + describe() + context.get());
        return this;
    }

    /** SIGKILL to the job's JVM and everything it started. */
    void killTree() {
        Processes.killTree(process.toHandle());
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        endNanos = System.nanoTime();
    }

    /** The command and the tails of its output, for failure messages. */
    String describe() {
        return "$ " + String.join(" ", command) + "\n" + Processes.tail(stdout, 10) + Processes.tail(stderr, 40);
    }
}
