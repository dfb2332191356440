package org.sparkrnnlm.jobs.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded launcher archives the classes of a build's first successful run and maps them in later runs. */
class ClassDataSharingIT {
    @TempDir
    Path dir;

    private record Run(int status, String output) {
    }

    private Run run(Map<String, String> env, String... args) throws Exception {
        Path root = Path.of(System.getProperty("project.root", ".."));
        ProcessBuilder pb = new ProcessBuilder(Stream.concat(Stream.of(root.resolve("submit/rnnlm").toString()), Stream.of(args)).toList());
        pb.environment().remove("SPARK_HOME");
        pb.environment().put("RNNLM_CDS_DIR", dir.resolve("cds").toString());
        pb.environment().putAll(env);
        Path out = Files.createTempFile(dir, "out", ".txt");
        pb.redirectErrorStream(true).redirectOutput(out.toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "submit/rnnlm did not return");
        return new Run(p.exitValue(), Files.readString(out));
    }

    private List<String> archiveDir() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("cds"))) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aSuccessfulFirstRunLeavesAnArchiveThatTheNextRunMaps() throws Exception {
        Run without = run(Map.of("RNNLM_CDS", "0"), "preprocess", "--help");
        Run first = run(Map.of(), "preprocess", "--help");
        assertEquals(0, first.status(), first.output());
        assertEquals(without.output(), first.output(), "making the archive prints nothing of its own");
        List<String> archives = archiveDir();
        assertEquals(1, archives.size(), archives.toString());
        assertTrue(archives.get(0).matches("rnnlm-\\d+\\.jsa"), archives.toString());

        Path loads = dir.resolve("loads.txt");
        Run second = run(Map.of("RNNLM_JAVA_OPTS", "-Xmx1g -Xlog:class+load=info:file=" + loads), "preprocess", "--help");
        assertEquals(without.output(), second.output());
        assertTrue(Files.readString(loads).contains("source: shared objects file (top)"), "no class came from the archive");
        assertEquals(archives, archiveDir(), "a run that maps the archive leaves it as it is");
    }

    @Test
    void aFailedRunLeavesNoArchive() throws Exception {
        Run failed = run(Map.of(), "no-such-command");
        assertNotEquals(0, failed.status(), failed.output());
        assertEquals(List.of(), archiveDir());
    }
}
