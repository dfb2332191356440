package org.sparkrnnlm.core.store;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The one way the project replaces what it publishes (model directories, checkpoints, metrics,
 * plots, the registry's LATEST): everything is written under a hidden temporary sibling first, so
 * a crash mid-write never leaves a partial file under the real name.
 *
 * <p>A file then moves over the old one in one rename. A directory cannot (no file system
 * renames over a non-empty directory), so the old one first moves aside to a hidden {@code .old}
 * sibling, the new one moves in, and the old one is deleted; {@link #read} looks there in the
 * instant between the two renames, and reads again when a replacement ran under it.
 */
public final class AtomicReplace {
    private static final int READ_ATTEMPTS = 5;

    private AtomicReplace() {
    }

    /** Writes the content of a file. */
    public interface FileWriter {
        void write(OutputStream out) throws IOException;
    }

    /** Writes the files of a directory into the given path. */
    public interface DirectoryWriter {
        void write(String dir) throws IOException;
    }

    /** Reads a directory. */
    public interface DirectoryReader<T> {
        T read(String dir) throws IOException;
    }

    public static void file(FileStore store, String path, FileWriter writer) throws IOException {
        String temporary = sibling(path, "tmp");
        try (OutputStream out = store.create(temporary)) {
            writer.write(out);
        }
        store.replace(temporary, path);
    }

    public static void directory(FileStore store, String path, DirectoryWriter writer) throws IOException {
        String temporary = sibling(path, "tmp");
        String old = sibling(path, "old");
        store.delete(temporary);
        writer.write(temporary);
        if (store.exists(path)) {
            store.delete(old);
            store.rename(path, old);
        }
        store.rename(temporary, path);
        store.delete(old);
    }

    /**
     * Reads a directory that may be being replaced: the directory, or the previous version while
     * the new one moves in. A read that fails because files moved under it (a file gone, arrays
     * that do not match their checksums) is tried again; other failures and the last one surface.
     */
    public static <T> T read(FileStore store, String path, DirectoryReader<T> reader) throws IOException {
        for (int attempt = 1; ; attempt++) {
            String dir = store.exists(path) || !store.exists(sibling(path, "old")) ? path : sibling(path, "old");
            try {
                return reader.read(dir);
            } catch (FileNotFoundException | ModelFormatException e) {
                if (attempt == READ_ATTEMPTS || !store.exists(path) && !store.exists(sibling(path, "old"))) throw e;
            }
        }
    }

    /** {@code dir/.name.suffix} for {@code dir/name}. */
    static String sibling(String path, String suffix) {
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        int slash = trimmed.lastIndexOf('/');
        return trimmed.substring(0, slash + 1) + "." + trimmed.substring(slash + 1) + "." + suffix;
    }
}
