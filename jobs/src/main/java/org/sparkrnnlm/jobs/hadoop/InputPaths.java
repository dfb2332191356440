package org.sparkrnnlm.jobs.hadoop;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;

/** Turns --input arguments (files, directories, globs on any Hadoop file system) into the files to read. */
public final class InputPaths {
    private InputPaths() {
    }

    /**
     * The files named by inputs, in order and without duplicates: a directory gives its non-hidden
     * files (names starting with '_' or '.' skipped, subdirectories walked, sorted by name), a glob
     * its non-hidden matches. A path that does not exist or a glob with no match is an error.
     */
    public static List<Path> resolve(Configuration conf, List<String> inputs) throws IOException {
        Set<Path> files = new LinkedHashSet<>();
        for (String input : inputs) {
            Path path = new Path(input);
            FileSystem fs = path.getFileSystem(conf);
            FileStatus[] matches = fs.globStatus(path);
            boolean glob = isGlob(input);
            List<FileStatus> kept = new ArrayList<>();
            for (FileStatus st : matches == null ? new FileStatus[0] : matches) {
                if (!glob || !isHidden(st.getPath())) kept.add(st);
            }
            if (kept.isEmpty()) throw new FileNotFoundException("input " + input + " does not exist");
            kept.sort(null);
            for (FileStatus st : kept) {
                if (st.isDirectory()) addDirectory(fs, st.getPath(), files);
                else files.add(st.getPath());
            }
        }
        return new ArrayList<>(files);
    }

    private static void addDirectory(FileSystem fs, Path dir, Set<Path> files) throws IOException {
        FileStatus[] children = fs.listStatus(dir, p -> !isHidden(p));
        Arrays.sort(children);
        for (FileStatus st : children) {
            if (st.isDirectory()) addDirectory(fs, st.getPath(), files);
            else files.add(st.getPath());
        }
    }

    public static boolean isHidden(Path p) {
        String name = p.getName();
        return name.startsWith("_") || name.startsWith(".");
    }

    private static boolean isGlob(String input) {
        for (char c : "*?[{\\".toCharArray()) {
            if (input.indexOf(c) >= 0) return true;
        }
        return false;
    }

    /** "csv" or "json" for a file under --format auto: by extension, after .gz/.bz2/.zst. */
    public static String formatOf(Path file) {
        String name = file.getName().toLowerCase(Locale.ROOT);
        for (String ext : new String[] {".gz", ".bz2", ".zst"}) {
            if (name.endsWith(ext)) {
                name = name.substring(0, name.length() - ext.length());
                break;
            }
        }
        return name.endsWith(".csv") ? "csv" : "json";
    }

    /**
     * The statuses of the job's input paths taken literally: they were resolved by {@link #resolve},
     * so FileInputFormat must neither glob them again (a '[' in a file name) nor drop hidden ones.
     */
    public static List<FileStatus> listExactly(JobContext job) throws IOException {
        List<FileStatus> out = new ArrayList<>();
        for (Path p : FileInputFormat.getInputPaths(job)) {
            out.add(p.getFileSystem(job.getConfiguration()).getFileStatus(p));
        }
        return out;
    }
}
