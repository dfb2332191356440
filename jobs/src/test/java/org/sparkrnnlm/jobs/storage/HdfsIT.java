package org.sparkrnnlm.jobs.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.sparkrnnlm.core.store.NpyArray;
import org.sparkrnnlm.core.store.Npz;
import org.sparkrnnlm.jobs.cli.CliRun;
import org.sparkrnnlm.jobs.cli.Main;

/**
 * The command line against a real HDFS (a NameNode and a DataNode in this JVM): preprocess reads a
 * gzipped dump from hdfs:// and writes its dataset there, train reads that dataset and writes
 * checkpoints, model, metrics and plot there, and --resume continues from an HDFS checkpoint to the
 * same parameters as an uninterrupted run. Every path is a full hdfs:// URI and fs.defaultFS stays
 * local, so a code path that ignores the path's scheme fails here instead of quietly using local disk.
 */
@TestMethodOrder(OrderAnnotation.class)
class HdfsIT {
    private static final String[] SPARK = {"--master", "local[2]", "--conf", "spark.hadoop.dfs.replication=1", "--verbose"};
    /** Comments of demo/sample-comments.csv the test uses: about 1,400 sentences, so the four jobs stay quick. */
    private static final int COMMENTS = 400;
    private static final String[] TRAIN = {"--hidden", "8", "--evaluate-every", "1", "--partitions", "2", "--no-shuffle"};

    @TempDir
    static java.nio.file.Path tmp;

    private static MiniDFSCluster cluster;
    private static FileSystem fs;
    private static String root;

    @BeforeAll
    static void startHdfs() throws IOException {
        Configuration conf = new Configuration();
        conf.set("dfs.namenode.rpc-bind-host", "127.0.0.1");
        conf.set("dfs.datanode.address", "127.0.0.1:0");
        conf.set("dfs.datanode.http.address", "127.0.0.1:0");
        conf.set("dfs.datanode.ipc.address", "127.0.0.1:0");
        conf.set("dfs.namenode.http-address", "127.0.0.1:0");
        conf.setInt("dfs.replication", 1);
        conf.setInt("dfs.heartbeat.interval", 1);
        long start = System.nanoTime();
        java.io.File base = tmp.resolve("hdfs").toFile();
        cluster = new MiniDFSCluster.Builder(conf, base).numDataNodes(1).build();
        cluster.waitActive();
        fs = cluster.getFileSystem();
        root = "hdfs://127.0.0.1:" + cluster.getNameNodePort() + "/rnnlm";
        assertEquals("hdfs", fs.getUri().getScheme());
        System.err.printf("HdfsIT: HDFS at %s up in %.1f s%n", root, (System.nanoTime() - start) / 1e9);
    }

    @AfterAll
    static void stopHdfs() {
        long start = System.nanoTime();
        if (cluster != null) cluster.shutdown(true);
        System.err.printf("HdfsIT: HDFS shut down in %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    @Test
    @Order(1)
    void dumpIsCopiedAndGzippedIntoHdfs() throws IOException {
        byte[] dump = dump();
        try (OutputStream out = fs.create(new Path(root + "/in/dump.csv"))) {
            out.write(dump);
        }
        try (OutputStream out = new GZIPOutputStream(fs.create(new Path(root + "/in/dump.csv.gz")))) {
            out.write(dump);
        }
        assertEquals(dump.length, fs.getFileStatus(new Path(root + "/in/dump.csv")).getLen());
        try (InputStream in = new java.util.zip.GZIPInputStream(fs.open(new Path(root + "/in/dump.csv.gz")))) {
            assertArrayEquals(dump, in.readAllBytes());
        }
    }

    @Test
    @Order(2)
    void preprocessReadsAGzippedDumpFromHdfsAndWritesTheDatasetThere() throws IOException {
        String dataset = root + "/dataset";
        CliRun run = cli("preprocess", "--input", root + "/in/dump.csv.gz", "--output", dataset, "--vocab-size", "1000");
        assertEquals(0, run.status(), run.err());

        JsonNode stats;
        try (InputStream in = fs.open(new Path(dataset + "/stats.json"))) {
            stats = new ObjectMapper().readTree(in);
        }
        assertEquals(COMMENTS, stats.get("comments_read").asLong(), stats.toString());
        assertTrue(stats.get("sentences").asLong() > COMMENTS, stats.toString());
        assertTrue(stats.get("tokens").asLong() > stats.get("sentences").asLong(), stats.toString());

        List<String> vocab = lines(dataset + "/vocab.tsv");
        assertEquals(stats.get("vocabulary_size").asInt(), vocab.size());
        assertTrue(vocab.size() <= 1000, "vocabulary of " + vocab.size());
        assertTrue(vocab.get(vocab.size() - 1).startsWith("UNKNOWN_TOKEN\t"), vocab.get(vocab.size() - 1));

        FileStatus[] parquet = fs.globStatus(new Path(dataset + "/sentences/*.parquet"));
        assertTrue(parquet != null && parquet.length > 0, "no Parquet files under " + dataset + "/sentences");
        assertTrue(Arrays.stream(parquet).mapToLong(FileStatus::getLen).sum() > 1000);
        assertFalse(localShadowExists(), "an hdfs:// path was written to local disk");
    }

    @Test
    @Order(3)
    void trainReadsTheDatasetFromHdfsAndWritesItsRunThere() throws IOException {
        String out = root + "/run";
        CliRun run = train(out, 3, false);
        assertEquals(0, run.status(), run.err());

        for (int e = 1; e <= 3; e++) {
            String checkpoint = String.format("%s/checkpoints/epoch-%04d", out, e);
            assertModelDirectory(checkpoint);
            assertEquals(e, json(checkpoint + "/model.json").get("epoch").asInt());
        }
        assertEquals(List.of("epoch-0001", "epoch-0002", "epoch-0003"), names(out + "/checkpoints"),
                "completed checkpoints only, no temporary names left");
        assertModelDirectory(out + "/model");
        assertEquals(3, json(out + "/model/model.json").get("epoch").asInt());
        assertParamsEqual(params(out + "/checkpoints/epoch-0003"), params(out + "/model"));
        assertFalse(Arrays.equals(params(out + "/checkpoints/epoch-0001").get("V").floats(), params(out + "/model").get("V").floats()),
                "epochs 2 and 3 changed nothing");

        List<String> metrics = lines(out + "/metrics.jsonl");
        assertEquals(4, metrics.size(), "evaluations at epochs 0, 1, 2 and after the last: " + metrics);
        for (int i = 0; i < metrics.size(); i++) {
            JsonNode record = new ObjectMapper().readTree(metrics.get(i));
            assertEquals(i, record.get("epoch").asInt(), metrics.get(i));
            assertTrue(Double.isFinite(record.get("loss").asDouble()), metrics.get(i));
        }

        byte[] png;
        try (InputStream in = fs.open(new Path(out + "/loss.png"))) {
            png = in.readAllBytes();
        }
        assertTrue(png.length > 1000, "loss.png of " + png.length + " bytes");
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
        assertEquals(List.of("checkpoints", "loss.png", "metrics.jsonl", "model"), names(out), "no temporary files left");
        assertFalse(localShadowExists(), "an hdfs:// path was written to local disk");
    }

    @Test
    @Order(4)
    void resumingFromAnHdfsCheckpointGivesTheUninterruptedRunsParametersBitForBit() throws IOException {
        String out = root + "/resumed";
        CliRun first = train(out, 2, false);
        assertEquals(0, first.status(), first.err());
        assertEquals(List.of("epoch-0001", "epoch-0002"), names(out + "/checkpoints"));

        CliRun resumed = train(out, 3, true);
        assertEquals(0, resumed.status(), resumed.err());
        assertTrue(resumed.err().contains("resuming from " + out + "/checkpoints/epoch-0002"), resumed.err());
        assertEquals(List.of("epoch-0001", "epoch-0002", "epoch-0003"), names(out + "/checkpoints"));
        assertEquals(3, json(out + "/model/model.json").get("epoch").asInt());

        Map<String, NpyArray> uninterrupted = params(root + "/run/model");
        Map<String, NpyArray> continued = params(out + "/model");
        assertEquals(List.of("U", "W", "V"), new ArrayList<>(uninterrupted.keySet()));
        assertParamsEqual(uninterrupted, continued);
    }

    private CliRun train(String output, int epochs, boolean resume) {
        List<String> args = new ArrayList<>(List.of("train", "--data", root + "/dataset", "--output", output,
                "--epochs", String.valueOf(epochs)));
        args.addAll(List.of(TRAIN));
        if (resume) args.add("--resume");
        return cli(args.toArray(new String[0]));
    }

    private void assertModelDirectory(String dir) throws IOException {
        for (String file : List.of("params.npz", "vocab.tsv", "model.json")) {
            Path p = new Path(dir + "/" + file);
            assertTrue(fs.exists(p), p + " missing");
            assertTrue(fs.getFileStatus(p).getLen() > 0, p + " is empty");
        }
        assertEquals(lines(root + "/dataset/vocab.tsv"), lines(dir + "/vocab.tsv"), dir + " vocabulary");
    }

    private static void assertParamsEqual(Map<String, NpyArray> expected, Map<String, NpyArray> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        for (String name : expected.keySet()) {
            NpyArray a = expected.get(name);
            NpyArray b = actual.get(name);
            assertArrayEquals(a.shape(), b.shape(), name);
            assertFalse(a.isDouble() || b.isDouble(), name + " should be float32");
            assertTrue(Arrays.equals(a.floats(), b.floats()), name + " differs");
        }
    }

    private Map<String, NpyArray> params(String modelDir) throws IOException {
        try (InputStream in = fs.open(new Path(modelDir + "/params.npz"))) {
            return new LinkedHashMap<>(Npz.read(in));
        }
    }

    private JsonNode json(String path) throws IOException {
        try (InputStream in = fs.open(new Path(path))) {
            return new ObjectMapper().readTree(in);
        }
    }

    private List<String> lines(String path) throws IOException {
        try (InputStream in = fs.open(new Path(path))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    private List<String> names(String dir) throws IOException {
        return Arrays.stream(fs.listStatus(new Path(dir))).map(s -> s.getPath().getName()).sorted().toList();
    }

    /** What java.nio makes of an hdfs:// URI ("hdfs:/127.0.0.1:port/rnnlm/..."), relative to the working directory. */
    private static boolean localShadowExists() {
        return Files.exists(java.nio.file.Path.of("hdfs:")) || Files.exists(java.nio.file.Path.of("/rnnlm"));
    }

    /** The header and the first COMMENTS records of the sample dump (records end at newlines outside quotes). */
    private static byte[] dump() throws IOException {
        String text = Files.readString(sampleDump(), StandardCharsets.UTF_8);
        int lines = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') quoted = !quoted;
            if (c == '\n' && !quoted && ++lines == COMMENTS + 1) {
                return text.substring(0, i + 1).getBytes(StandardCharsets.UTF_8);
            }
        }
        throw new IllegalStateException(sampleDump() + " holds fewer than " + COMMENTS + " comments");
    }

    private static java.nio.file.Path sampleDump() {
        String projectRoot = System.getProperty("project.root");
        java.nio.file.Path base = projectRoot != null ? java.nio.file.Path.of(projectRoot)
                : java.nio.file.Path.of("").toAbsolutePath().getParent();
        java.nio.file.Path dump = base.resolve("demo/sample-comments.csv");
        assertTrue(Files.isRegularFile(dump), dump + " missing");
        return dump;
    }

    /** The CLI in-process with the Spark settings every step shares. */
    private CliRun cli(String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of(SPARK));
        CliRun run = CliRun.of(args.toArray(new String[0]));
        if (run.status() != 0) System.err.println(run.err());
        return run;
    }
}
