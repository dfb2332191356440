package org.sparkrnnlm.jobs.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Pushshift-style JSON-lines dumps made from real comment bodies, for the preprocess benchmark: the
 * bodies cycle through the given texts with the other fields varied, and every fourth comment joins
 * two bodies with a line break, so the CSV form of the dump has multi-line quoted fields. Written as
 * part files so that both cores generate them; {@link DumpVariants} turns them into single files.
 */
final class DumpGenerator {
    private static final String[] SUBREDDITS = {"AskReddit", "books", "history", "science", "news", "writing"};
    private final List<String> bodies;

    /** What was written: comments, uncompressed JSON bytes and UTF-8 bytes of the comment bodies. */
    record Written(long comments, long jsonBytes, long textBytes) {
        Written plus(Written o) {
            return new Written(comments + o.comments, jsonBytes + o.jsonBytes, textBytes + o.textBytes);
        }
    }

    DumpGenerator(List<String> bodies) {
        this.bodies = bodies;
    }

    /** Writes {@code parts} plain files of about {@code bytesPerPart} each into {@code dir}, in order of name. */
    Written write(Path dir, int parts, long bytesPerPart, int threads) throws Exception {
        Files.createDirectories(dir);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Written>> files = new ArrayList<>();
            for (int p = 0; p < parts; p++) {
                int part = p;
                files.add(pool.submit(() -> writePart(dir.resolve(String.format("RC_part-%02d.json", part)), part, bytesPerPart)));
            }
            Written all = new Written(0, 0, 0);
            for (Future<Written> f : files) all = all.plus(f.get());
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    String body(long i) {
        String body = bodies.get((int) (i % bodies.size()));
        return i % 4 == 0 ? body + "\n" + bodies.get((int) ((i + 1) % bodies.size())) : body;
    }

    private Written writePart(Path file, int part, long bytes) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        long comments = 0;
        long text = 0;
        long json;
        try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 20);
             CountingStream c = new CountingStream(raw);
             JsonGenerator out = new JsonFactory().createGenerator(c)) {
            long i = (long) part * 1_000_003L;
            while (c.count < bytes) {
                String body = body(i);
                out.writeStartObject();
                out.writeStringField("author", "user" + (i * 7919 % 100_000));
                out.writeStringField("body", body);
                out.writeNumberField("created_utc", 1_430_000_000L + i);
                out.writeStringField("id", Long.toString(i, 36));
                out.writeNumberField("score", (int) (i % 97) - 10);
                out.writeStringField("subreddit", SUBREDDITS[(int) (i % SUBREDDITS.length)]);
                out.writeEndObject();
                out.writeRaw('\n');
                out.flush();
                text += body.getBytes(StandardCharsets.UTF_8).length;
                comments++;
                i++;
            }
            json = c.count;
        }
        Files.move(partial, file);
        return new Written(comments, json, text);
    }

    /** Counts the bytes written, so every part holds about the same amount of JSON. */
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
