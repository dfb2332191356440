package org.sparkrnnlm.jobs.preprocess;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.sparkrnnlm.jobs.spark.LocalSparkTest;

/** Shared session and file helpers for the reader tests (abstract: Surefire runs only subclasses). */
abstract class SparkReaderTest extends LocalSparkTest {
    static final long ONE_MIB = 1 << 20;

    static List<RawComment> read(String format, Path... inputs) throws IOException {
        return CommentSources.read(spark, Arrays.stream(inputs).map(Path::toString).toList(), format, ONE_MIB).collect();
    }

    static List<String> bodies(List<RawComment> records) {
        return records.stream().filter(r -> !r.isRejected()).map(RawComment::body).toList();
    }

    static List<RejectReason> reasons(List<RawComment> records) {
        return records.stream().filter(RawComment::isRejected).map(RawComment::reason).toList();
    }

    static Path write(Path file, String text) throws IOException {
        return write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    static Path write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.write(file, bytes);
    }

    /** One Pushshift-like JSON line (escaped by Jackson) with the given body. */
    static String jsonLine(String body) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("author", "someone");
            g.writeStringField("body", body);
            g.writeNumberField("created_utc", 1438387200);
            g.writeStringField("subreddit", "AskReddit");
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out + "\n";
    }

    static byte[] gzip(byte[] data) throws IOException {
        var bytes = new java.io.ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    /** bzip2 with 100 kB blocks, so a few MB make many blocks (and many splits). */
    static byte[] bzip2(byte[] data) throws IOException {
        var bytes = new java.io.ByteArrayOutputStream();
        try (OutputStream out = new BZip2CompressorOutputStream(bytes, 1)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
