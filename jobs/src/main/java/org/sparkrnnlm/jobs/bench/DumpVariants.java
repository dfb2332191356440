package org.sparkrnnlm.jobs.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;

/**
 * One dump's part files turned into single-file inputs, as users get them: the whole dump as one
 * plain JSON-lines file, one {@code .zst} (2^31 window, as Pushshift), one {@code .gz}, one
 * {@code .bz2}, and one CSV file of the same comments with multi-line quoted bodies.
 */
final class DumpVariants {
    static final List<String> SINGLE = List.of("plain", "zst", "gz", "bz2", "csv");
    private static final Map<String, String> FILE_NAMES = new LinkedHashMap<>(Map.of(
            "plain", "RC.json", "zst", "RC.json.zst", "gz", "RC.json.gz", "bz2", "RC.json.bz2", "csv", "RC.csv"));

    private DumpVariants() {
    }

    static String fileName(String variant) {
        String name = FILE_NAMES.get(variant);
        if (name == null) throw new IllegalArgumentException("unknown dump variant " + variant + " (one of " + FILE_NAMES.keySet() + ")");
        return name;
    }

    /** Writes {@code variant} of the dump whose parts are {@code parts} (in order) into {@code file}, via a temp sibling. */
    static void write(String variant, List<Path> parts, Path file) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (OutputStream out = compress(variant, new BufferedOutputStream(Files.newOutputStream(partial), 1 << 20))) {
            if (variant.equals("csv")) writeCsv(parts, out);
            else for (Path p : parts) Files.copy(p, out);
        }
        Files.move(partial, file);
    }

    private static OutputStream compress(String variant, OutputStream raw) throws IOException {
        switch (variant) {
            case "plain", "csv": return raw;
            case "bz2": return new BZip2CompressorOutputStream(raw);
            case "gz": return new GZIPOutputStream(raw, 1 << 16);
            case "zst": {
                com.github.luben.zstd.ZstdOutputStream z = new com.github.luben.zstd.ZstdOutputStream(raw, 3);
                z.setLong(31);
                return z;
            }
            default: throw new IllegalArgumentException("unknown dump variant " + variant);
        }
    }

    /** RFC 4180 rows (every field quoted, quotes doubled): a few lines here rather than one more jar on every executor. */
    private static void writeCsv(List<Path> parts, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write("id,author,subreddit,created_utc,score,body\r\n");
        JsonFactory json = new JsonFactory();
        for (Path p : parts) {
            try (InputStream in = Files.newInputStream(p);
                 BufferedReader lines = new BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8), 1 << 20)) {
                for (String line; (line = lines.readLine()) != null; ) writeRow(json, line, w);
            }
        }
        w.flush();
    }

    private static void writeRow(JsonFactory json, String line, Writer w) throws IOException {
        Map<String, String> f = new LinkedHashMap<>();
        try (JsonParser p = json.createParser(line)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                f.put(name, p.getText());
            }
        }
        String[] columns = {"id", "author", "subreddit", "created_utc", "score", "body"};
        for (int c = 0; c < columns.length; c++) {
            if (c > 0) w.write(',');
            w.write('"');
            w.write(f.getOrDefault(columns[c], "").replace("\"", "\"\""));
            w.write('"');
        }
        w.write("\r\n");
    }
}
