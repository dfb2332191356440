package org.sparkrnnlm.jobs.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Process-tree handling, bounded waits and log tails for the cluster integration tests. */
final class Processes {
    private Processes() {
    }

    /** The root and every descendant alive now, root first. Take it before killing: orphans leave the tree. */
    static List<ProcessHandle> tree(ProcessHandle root) {
        List<ProcessHandle> all = new ArrayList<>();
        all.add(root);
        root.descendants().forEach(all::add);
        return all;
    }

    /** SIGKILL to the process and all its descendants; waits (bounded) until they are gone. */
    static void killTree(ProcessHandle root) {
        List<ProcessHandle> all = tree(root);
        for (ProcessHandle h : all) h.destroyForcibly();
        awaitGone(all, Duration.ofSeconds(10));
    }

    /**
     * SIGTERM to the process (a Spark worker then stops its executors), then SIGKILL to whatever of the
     * tree is still alive after {@code grace}.
     */
    static void stopTree(ProcessHandle root, Duration grace) {
        List<ProcessHandle> all = tree(root);
        root.destroy();
        if (!awaitGone(List.of(root), grace)) root.destroyForcibly();
        List<ProcessHandle> rest = new ArrayList<>();
        for (ProcessHandle h : all) if (h.isAlive()) rest.add(h);
        for (ProcessHandle h : rest) h.destroyForcibly();
        awaitGone(rest, Duration.ofSeconds(10));
    }

    static boolean awaitGone(List<ProcessHandle> handles, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ProcessHandle h : handles) {
            long left = deadline - System.nanoTime();
            if (left <= 0) return handles.stream().noneMatch(ProcessHandle::isAlive);
            try {
                h.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                if (e instanceof InterruptedException) Thread.currentThread().interrupt();
                return handles.stream().noneMatch(ProcessHandle::isAlive);
            }
        }
        return true;
    }

    /** Polls {@code condition} every 100 ms; throws an AssertionError with {@code context} after {@code timeout}. */
    static void await(String what, Duration timeout, BooleanSupplier condition, Supplier<String> context) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what + "\n" + context.get());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }

    /** The file's text, or "" when it does not exist (yet). Tolerates partial UTF-8 at the end of a growing log. */
    static String read(Path file) {
        try {
            return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** The last {@code lines} lines of a file, headed by its name. */
    static String tail(Path file, int lines) {
        List<String> all = read(file).lines().toList();
        List<String> last = all.subList(Math.max(0, all.size() - lines), all.size());
        return "--- " + file + " (last " + last.size() + " of " + all.size() + " lines)\n" + String.join("\n", last) + "\n";
    }
}
