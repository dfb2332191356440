package org.sparkrnnlm.jobs.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real Spark standalone cluster on 127.0.0.1 started from the build's own jars: one Master and
 * Workers of one core each, every one a separate JVM, logging to files in {@code dir}. The Spark
 * home is {@code dir/spark-home/jars}: {@code jobs/target/spark-lib/*.jar} plus the Jackson jars of
 * {@code app-lib} (Spark needs Jackson; ND4J and our jars are shipped by the applications).
 * Every wait is bounded; {@link #close()} stops every process it started (and the executors the
 * workers forked) by PID.
 */
final class StandaloneCluster implements AutoCloseable {
    static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final Path dir;
    private final Path sparkHome;
    private final int masterPort;
    private final Path masterLog;
    private Process master;
    private final List<Worker> workers = new ArrayList<>();
    private final List<Process> started = new ArrayList<>();
    private final Thread shutdownHook = new Thread(this::stopAll, "standalone-cluster-cleanup");
    private int nextWorker;

    /** A Worker JVM: its process, work dir ({@code app-*}/{@code N}/{@code stderr} of each executor) and log. */
    record Worker(int index, Process process, Path workDir, Path log) {
        /** The executor JVMs this worker runs now. */
        List<ProcessHandle> executors() {
            return process.descendants()
                    .filter(h -> h.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend")).toList();
        }
    }

    private StandaloneCluster(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.sparkHome = dir.resolve("spark-home");
        this.masterPort = freePort();
        this.masterLog = dir.resolve("master.log");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts a Master and {@code workers} Workers of one core and 2 GiB, and waits until all are registered. */
    static StandaloneCluster start(Path dir, int workers) throws IOException {
        StandaloneCluster cluster = new StandaloneCluster(dir);
        try {
            cluster.makeSparkHome();
            cluster.startMaster();
            for (int i = 0; i < workers; i++) cluster.addWorker();
            return cluster;
        } catch (IOException | RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    String masterUrl() {
        return "spark://127.0.0.1:" + masterPort;
    }

    Path dir() {
        return dir;
    }

    /** The workers started and not killed. */
    synchronized List<Worker> workers() {
        return List.copyOf(workers);
    }

    private void makeSparkHome() throws IOException {
        Path jars = Files.createDirectories(sparkHome.resolve("jars"));
        Path target = TestData.root().resolve("jobs/target");
        List<Path> wanted = new ArrayList<>(list(target.resolve("spark-lib"), n -> n.endsWith(".jar")));
        wanted.addAll(list(target.resolve("app-lib"), n -> n.matches("jackson-[a-z]+-2.*\\.jar")));
        if (wanted.size() < 50) throw new IllegalStateException("run `mvn package` first: too few jars in " + target);
        for (Path jar : wanted) {
            Path link = jars.resolve(jar.getFileName());
            if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) Files.createSymbolicLink(link, jar.toAbsolutePath());
        }
    }

    private static List<Path> list(Path dir, java.util.function.Predicate<String> name) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> name.test(p.getFileName().toString())).sorted().toList();
        }
    }

    private List<String> java(String mainClass) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        // What Spark's launcher adds on Java 17: conf/jvm-options as a java @-file, as submit/rnnlm and the pom use it.
        cmd.add("@" + TestData.root().resolve("conf/jvm-options"));
        cmd.add("-Dspark.master.rest.enabled=false");
        cmd.add("-cp");
        cmd.add(sparkHome.resolve("jars") + "/*");
        cmd.add(mainClass);
        return cmd;
    }

    private ProcessBuilder builder(List<String> cmd, Path log) {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("SPARK_") || k.startsWith("PYSPARK"));
        env.put("SPARK_HOME", sparkHome.toString());
        // Without it every executor dies with "Cannot find any build directories" and the master relaunches them forever.
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("OMP_NUM_THREADS", "1");
        return pb;
    }

    private synchronized Process launch(ProcessBuilder pb) throws IOException {
        Process p = pb.start();
        started.add(p);
        return p;
    }

    private void startMaster() throws IOException {
        List<String> cmd = java("org.apache.spark.deploy.master.Master");
        cmd.addAll(List.of("--host", "127.0.0.1", "--port", String.valueOf(masterPort), "--webui-port", String.valueOf(freePort())));
        master = launch(builder(cmd, masterLog));
        Processes.await("the Master to become ALIVE", START_TIMEOUT, () -> {
            if (!master.isAlive()) throw new AssertionError("the Master exited with " + master.exitValue() + "\n" + logs());
            return Processes.read(masterLog).contains("I have been elected leader");
        }, this::logs);
    }

    /** Starts one more Worker (1 core, 2 GiB) and waits until the Master has registered it. */
    Worker addWorker() throws IOException {
        int index;
        synchronized (this) {
            index = nextWorker++;
        }
        Path home = Files.createDirectories(dir.resolve("worker-" + index));
        Path work = Files.createDirectories(home.resolve("work"));
        Path local = Files.createDirectories(home.resolve("local"));
        Path log = dir.resolve("worker-" + index + ".log");
        List<String> cmd = java("org.apache.spark.deploy.worker.Worker");
        cmd.addAll(List.of("--host", "127.0.0.1", "--cores", "1", "--memory", "2g", "--work-dir", work.toString(),
                "--webui-port", String.valueOf(freePort()), masterUrl()));
        ProcessBuilder pb = builder(cmd, log);
        pb.environment().put("SPARK_LOCAL_DIRS", local.toString());
        Process p = launch(pb);
        Worker worker = new Worker(index, p, work, log);
        Processes.await("worker " + index + " to register with the Master", START_TIMEOUT, () -> {
            if (!p.isAlive()) throw new AssertionError("worker " + index + " exited with " + p.exitValue() + "\n" + logs());
            return Processes.read(log).contains("Successfully registered with master");
        }, this::logs);
        synchronized (this) {
            workers.add(worker);
        }
        return worker;
    }

    /**
     * SIGKILL to the worker and, at the same instant, to the executor JVMs it forked (they would
     * otherwise outlive it as orphans): a machine that dies. Returns the executors' PIDs.
     */
    List<Long> killWorker(Worker worker) {
        List<ProcessHandle> tree = Processes.tree(worker.process().toHandle());
        List<Long> executors = worker.executors().stream().map(ProcessHandle::pid).toList();
        Processes.killTree(worker.process().toHandle());
        for (ProcessHandle h : tree) {
            if (h.isAlive()) throw new AssertionError("process " + h.pid() + " survived SIGKILL");
        }
        synchronized (this) {
            workers.remove(worker);
        }
        return executors;
    }

    /** The Master's log and every worker's log, last lines of each: for failure messages. */
    String logs() {
        StringBuilder sb = new StringBuilder(Processes.tail(masterLog, 30));
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> p.getFileName().toString().matches("worker-\\d+\\.log")).sorted()
                    .forEach(p -> sb.append(Processes.tail(p, 15)));
        } catch (IOException e) {
            sb.append("(cannot list ").append(dir).append(": ").append(e).append(")\n");
        }
        return sb.toString();
    }

    /** The executor stderr files under every worker's work dir: {@code work/app-*}/{@code N}/{@code stderr}. */
    List<Path> executorLogs() throws IOException {
        List<Path> logs = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path home : s.filter(p -> p.getFileName().toString().matches("worker-\\d+") && Files.isDirectory(p)).sorted().toList()) {
                try (Stream<Path> w = Files.find(home.resolve("work"), 3, (p, a) -> p.getFileName().toString().equals("stderr")
                        && p.getParent().getParent().getFileName().toString().startsWith("app-"))) {
                    w.sorted().forEach(logs::add);
                }
            }
        }
        return logs;
    }

    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException ignored) {
            // the JVM is already shutting down
        }
        deleteShippedJars();
    }

    /** Workers first (they stop their executors on SIGTERM), then the Master; SIGKILL after the grace time. */
    private void stopAll() {
        List<Process> all;
        synchronized (this) {
            all = new ArrayList<>(started);
        }
        // Workers, newest first, then the master (started first).
        for (int i = all.size() - 1; i >= 0; i--) {
            Process p = all.get(i);
            if (p.isAlive() || p.toHandle().descendants().findAny().isPresent()) Processes.stopTree(p.toHandle(), STOP_GRACE);
        }
    }

    /**
     * Every executor copies the application's jars (about 120 MB) into its work dir and local dirs:
     * delete those copies, keep the logs.
     */
    private void deleteShippedJars() {
        try (Stream<Path> s = Files.walk(dir)) {
            List<Path> doomed = s.filter(p -> !p.startsWith(sparkHome) && Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                    && (p.toString().endsWith(".jar") || p.toString().contains("/local/"))).toList();
            for (Path p : doomed) Files.deleteIfExists(p);
        } catch (IOException | UncheckedIOException e) {
            System.err.println("StandaloneCluster: could not clean " + dir + ": " + e);
        }
        try (Stream<Path> s = Files.walk(dir)) {
            // Empty directories left in the local dirs.
            for (Path p : s.filter(p -> p.toString().contains("/local/")).sorted(Comparator.reverseOrder()).toList()) {
                try (Stream<Path> c = Files.list(p)) {
                    if (c.findAny().isEmpty()) Files.deleteIfExists(p);
                }
            }
        } catch (IOException | UncheckedIOException ignored) {
            // best effort
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    @Override
    public String toString() {
        return "StandaloneCluster" + Arrays.asList(masterUrl(), dir);
    }
}
