package org.sparkrnnlm.jobs.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** submit/rnnlm hands the job to $SPARK_HOME/bin/spark-submit when a Spark installation is there. */
class SubmitScriptIT {
    @TempDir
    Path dir;

    private static Path root() {
        return Path.of(System.getProperty("project.root", ".."));
    }

    @Test
    void withSparkHomeItRunsSparkSubmitWithOurConfAndJars() throws Exception {
        Path sparkHome = dir.resolve("spark");
        Files.createDirectories(sparkHome.resolve("bin"));
        Path recorded = dir.resolve("args.txt");
        Path submit = sparkHome.resolve("bin/spark-submit");
        // Stands in for Spark's launcher: records how it was called.
        Files.writeString(submit, "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done > '" + recorded + "'\n");
        Files.setPosixFilePermissions(submit, PosixFilePermissions.fromString("rwxr-xr-x"));

        ProcessBuilder pb = new ProcessBuilder(root().resolve("submit/rnnlm").toString(), "evaluate", "--model", "m", "--data", "d");
        pb.environment().put("SPARK_HOME", sparkHome.toString());
        pb.redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "submit/rnnlm did not return");
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("out.txt")));

        List<String> args = Files.readAllLines(recorded);
        assertEquals("org.sparkrnnlm.jobs.cli.Main", args.get(args.indexOf("--class") + 1));
        assertTrue(args.get(args.indexOf("--properties-file") + 1).endsWith("conf/spark-defaults.conf"));
        String jars = args.get(args.indexOf("--jars") + 1);
        assertTrue(jars.contains("nd4j-native-1.0.0-M2.1-linux-x86_64-avx2.jar") && jars.contains("rnnlm-core"), jars);
        assertTrue(!jars.contains("jackson-databind"), "Spark brings its own Jackson");
        assertEquals(List.of("evaluate", "--model", "m", "--data", "d"), args.subList(args.size() - 5, args.size()));
        assertTrue(args.get(args.size() - 6).matches(".*rnnlm-jobs-.*\\.jar"), args.toString());
    }
}
