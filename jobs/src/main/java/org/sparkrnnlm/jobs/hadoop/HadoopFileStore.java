package org.sparkrnnlm.jobs.hadoop;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.sparkrnnlm.core.store.FileStore;

/** FileStore over Hadoop's FileSystem: plain local paths, file://, hdfs://, s3a://. */
public final class HadoopFileStore implements FileStore {
    private final Configuration conf;

    public HadoopFileStore(Configuration conf) {
        this.conf = conf;
    }

    public Configuration configuration() {
        return conf;
    }

    private FileSystem fs(Path p) throws IOException {
        return p.getFileSystem(conf);
    }

    @Override
    public InputStream open(String path) throws IOException {
        Path p = new Path(path);
        if (!fs(p).exists(p)) throw new FileNotFoundException(path + " does not exist");
        return fs(p).open(p);
    }

    /**
     * On local disks the file is written without Hadoop's hidden .crc companion: users edit and copy
     * what we write (datasets, predictions), and a stale .crc would make the next read fail.
     */
    @Override
    public OutputStream create(String path) throws IOException {
        Path p = new Path(path);
        FileSystem fs = fs(p);
        if (fs instanceof LocalFileSystem local) return local.getRawFileSystem().create(p, true);
        return fs.create(p, true);
    }

    @Override
    public boolean exists(String path) throws IOException {
        Path p = new Path(path);
        return fs(p).exists(p);
    }

    @Override
    public void rename(String from, String to) throws IOException {
        Path src = new Path(from);
        Path dst = new Path(to);
        if (!fs(src).rename(src, dst)) throw new IOException("could not rename " + from + " to " + to);
    }

    /** On local disks a rename(2) that replaces the target; elsewhere FileContext's overwriting rename (atomic on HDFS). */
    @Override
    public void replace(String from, String to) throws IOException {
        Path src = new Path(from);
        Path dst = new Path(to);
        if (fs(src) instanceof LocalFileSystem local) {
            java.nio.file.Files.move(local.pathToFile(src).toPath(), local.pathToFile(dst).toPath(),
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } else {
            FileContext.getFileContext(dst.toUri(), conf).rename(src, dst, Options.Rename.OVERWRITE);
        }
    }

    @Override
    public void delete(String path) throws IOException {
        Path p = new Path(path);
        fs(p).delete(p, true);
    }

    /** The names of a directory's children, or an empty array when it does not exist. */
    public String[] list(String dir) throws IOException {
        Path p = new Path(dir);
        if (!fs(p).exists(p)) return new String[0];
        return java.util.Arrays.stream(fs(p).listStatus(p)).map(s -> s.getPath().getName()).sorted().toArray(String[]::new);
    }

    public boolean isDirectory(String path) throws IOException {
        Path p = new Path(path);
        return fs(p).exists(p) && fs(p).getFileStatus(p).isDirectory();
    }
}
