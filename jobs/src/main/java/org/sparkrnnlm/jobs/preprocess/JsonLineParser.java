package org.sparkrnnlm.jobs.preprocess;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import org.sparkrnnlm.jobs.hadoop.LineBytes;
import org.sparkrnnlm.jobs.hadoop.LineParser;

/**
 * Classifies one line of a Pushshift JSON-lines dump. Checks run cheapest first: length, UTF-8
 * validity, then one streaming pass of Jackson over the object that decodes only the "body" string
 * (other values are skipped unread), so a comment costs one scan of its bytes and no tree. With
 * {@code metadata} it also decodes {@code id}, {@code author}, {@code subreddit} and
 * {@code created_utc} (score reports them; preprocess does not ask, and pays nothing for them).
 * Not thread-safe (it reuses a decoder): one per record reader.
 */
final class JsonLineParser implements LineParser<RawComment> {
    /** Thread-safe and shared; the body limit is ours (maxRecordBytes), not Jackson's 20 M chars. */
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .build();

    private final long maxRecordBytes;
    private final boolean metadata;
    private final LineBytes lines = new LineBytes();

    JsonLineParser(long maxRecordBytes) {
        this(maxRecordBytes, false);
    }

    JsonLineParser(long maxRecordBytes, boolean metadata) {
        this.maxRecordBytes = maxRecordBytes;
        this.metadata = metadata;
    }

    /** The comment or rejection in bytes[0, length), or null for a blank line (skipped silently). */
    @Override
    public RawComment parse(byte[] bytes, int length, Source source) {
        // Length first: an over-long line holds only its first bytes, which could all be blanks.
        if (length > maxRecordBytes) return reject(RejectReason.TOO_LONG, bytes, length, source);
        if (LineBytes.isBlank(bytes, length)) return null;
        if (!lines.isValidUtf8(bytes, length)) return reject(RejectReason.INVALID_UTF8, bytes, length, source);
        String body = null;
        String id = null;
        String author = null;
        String subreddit = null;
        Long created = null;
        try (JsonParser p = JSON.createParser(bytes, 0, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return reject(RejectReason.MALFORMED_JSON, bytes, length, source);
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("body".equals(name)) {
                    body = value == JsonToken.VALUE_STRING ? p.getText() : null;
                } else if (metadata && value.isScalarValue() && value != JsonToken.VALUE_NULL) {
                    switch (name) {
                        case "id" -> id = p.getText();
                        case "author" -> author = p.getText();
                        case "subreddit" -> subreddit = p.getText();
                        case "created_utc" -> created = RawComment.epochSeconds(p.getText());
                        default -> { }
                    }
                }
                p.skipChildren(); // a no-op for scalars; steps over nested objects and arrays
            }
            // Truncated objects and anything after the object (a second value) are malformed too.
            if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
                return reject(RejectReason.MALFORMED_JSON, bytes, length, source);
            }
        } catch (IOException | RuntimeException e) {
            return reject(RejectReason.MALFORMED_JSON, bytes, length, source);
        }
        if (body == null) return reject(RejectReason.MISSING_BODY, bytes, length, source);
        RejectReason skip = RejectReason.forBody(body);
        return skip == null ? RawComment.body(body, id, author, subreddit, created) : reject(skip, bytes, length, source);
    }

    private static RawComment reject(RejectReason reason, byte[] bytes, int length, Source source) {
        return RawComment.rejected(reason, LineBytes.rawStart(bytes, length), source.describe());
    }
}
