package org.sparkrnnlm.jobs.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;

/**
 * Pushshift-style JSON-lines dumps made from real comment bodies, for the preprocess benchmark:
 * the bodies cycle through the shared data with the other fields varied, split into part files so
 * that compressing them uses both cores.
 */
final class DumpGenerator {
    private static final String[] SUBREDDITS = {"AskReddit", "books", "history", "science", "news", "writing"};
    private final List<String> bodies;

    DumpGenerator(List<String> bodies) {
        this.bodies = bodies;
    }

    /** Writes {@code parts} files of about {@code bytesPerPart} each into {@code dir}, with the extension's compression. */
    List<Path> write(Path dir, int parts, long bytesPerPart, String extension, int threads) throws Exception {
        Files.createDirectories(dir);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Path>> files = new ArrayList<>();
            for (int p = 0; p < parts; p++) {
                int part = p;
                files.add(pool.submit(() -> writePart(dir.resolve(String.format("RC_part-%02d.json%s", part, extension)),
                        part, bytesPerPart, extension)));
            }
            List<Path> out = new ArrayList<>();
            for (Future<Path> f : files) out.add(f.get());
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private Path writePart(Path file, int part, long bytes, String extension) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        CountingStream counted;
        try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 20);
             OutputStream compressed = compress(raw, extension);
             CountingStream c = new CountingStream(compressed);
             JsonGenerator json = new JsonFactory().createGenerator(c)) {
            counted = c;
            long i = (long) part * 1_000_003L;
            while (c.count < bytes) {
                String body = bodies.get((int) (i % bodies.size()));
                json.writeStartObject();
                json.writeStringField("author", "user" + (i * 7919 % 100_000));
                json.writeStringField("body", body);
                json.writeNumberField("created_utc", 1_430_000_000L + i);
                json.writeStringField("id", Long.toString(i, 36));
                json.writeNumberField("score", (int) (i % 97) - 10);
                json.writeStringField("subreddit", SUBREDDITS[(int) (i % SUBREDDITS.length)]);
                json.writeEndObject();
                json.writeRaw('\n');
                json.flush();
                i++;
            }
        }
        Files.move(partial, file);
        return file;
    }

    private static OutputStream compress(OutputStream raw, String extension) throws IOException {
        switch (extension) {
            case "": return raw;
            case ".bz2": return new BZip2CompressorOutputStream(raw);
            case ".zst": {
                com.github.luben.zstd.ZstdOutputStream z = new com.github.luben.zstd.ZstdOutputStream(raw, 3);
                z.setLong(31);
                return z;
            }
            default: throw new IllegalArgumentException("unknown extension " + extension);
        }
    }

    /** Counts uncompressed bytes, so every variant holds the same amount of JSON. */
    private static final class CountingStream extends java.io.FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
