package org.sparkrnnlm.core.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The file operations model and checkpoint code needs, so that core stays free of Hadoop: the
 * jobs module implements it over Hadoop's FileSystem (hdfs://, s3a://, file://), tests over
 * local files. Paths are strings in the store's own syntax, joined with '/'.
 */
public interface FileStore {
    InputStream open(String path) throws IOException;

    /** Creates or overwrites a file, creating parent directories. */
    OutputStream create(String path) throws IOException;

    boolean exists(String path) throws IOException;

    /** Renames a file or directory; fails if the target exists. */
    void rename(String from, String to) throws IOException;

    /** Moves a file over another in one step: a reader sees the old file or the new one, never neither. */
    void replace(String from, String to) throws IOException;

    /** Deletes a file or a directory tree; no error when absent. */
    void delete(String path) throws IOException;

    static String join(String dir, String name) {
        return dir.endsWith("/") ? dir + name : dir + "/" + name;
    }
}
