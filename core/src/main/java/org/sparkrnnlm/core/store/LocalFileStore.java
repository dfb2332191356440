package org.sparkrnnlm.core.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** A FileStore over the local file system. */
public final class LocalFileStore implements FileStore {

    @Override
    public InputStream open(String path) throws IOException {
        try {
            return Files.newInputStream(Paths.get(path));
        } catch (NoSuchFileException e) {
            throw new java.io.FileNotFoundException(path + " does not exist");
        }
    }

    @Override
    public OutputStream create(String path) throws IOException {
        Path p = Paths.get(path);
        if (p.getParent() != null) Files.createDirectories(p.getParent());
        return Files.newOutputStream(p);
    }

    @Override
    public boolean exists(String path) {
        return Files.exists(Paths.get(path));
    }

    @Override
    public void rename(String from, String to) throws IOException {
        Files.move(Paths.get(from), Paths.get(to), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void replace(String from, String to) throws IOException {
        Files.move(Paths.get(from), Paths.get(to), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void delete(String path) throws IOException {
        Path root = Paths.get(path);
        if (!Files.exists(root)) return;
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
