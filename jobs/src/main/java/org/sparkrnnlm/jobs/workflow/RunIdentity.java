package org.sparkrnnlm.jobs.workflow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.sparkrnnlm.jobs.hadoop.HadoopFileStore;

/**
 * What makes two training runs the same run: the starting model, the data (file names and sizes)
 * and every setting that changes the result. Its hash names the published version, so running the
 * same batch again finds its version already there.
 */
public final class RunIdentity {
    private final MessageDigest digest;

    public RunIdentity() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    public RunIdentity add(String key, Object value) {
        digest.update((key + "=" + value + "\n").getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Every file under the path, by relative name and length, in name order. */
    public RunIdentity addData(HadoopFileStore store, String path) throws IOException {
        Path root = new Path(path);
        FileSystem fs = root.getFileSystem(store.configuration());
        java.util.TreeMap<String, Long> files = new java.util.TreeMap<>();
        RemoteIterator<org.apache.hadoop.fs.LocatedFileStatus> it = fs.listFiles(root, true);
        String prefix = fs.getFileStatus(root).getPath().toString();
        while (it.hasNext()) {
            FileStatus f = it.next();
            String name = f.getPath().toString().substring(Math.min(prefix.length(), f.getPath().toString().length()));
            if (!name.contains("/_") && !name.contains("/.")) files.put(name, f.getLen());
        }
        files.forEach((name, length) -> add("file " + name, length));
        return this;
    }

    /** The first 16 hex digits of the hash. */
    public String id() {
        return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    }
}
