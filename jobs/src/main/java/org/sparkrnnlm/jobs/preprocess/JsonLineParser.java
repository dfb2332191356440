package org.sparkrnnlm.jobs.preprocess;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Classifies one line of a Pushshift JSON-lines dump. Checks run cheapest first: length, UTF-8
 * validity, then one streaming pass of Jackson over the object that decodes only the "body" string
 * (other values are skipped unread), so a comment costs one scan of its bytes and no tree.
 * Not thread-safe (it reuses a decoder): one per record reader.
 */
final class JsonLineParser {
    /** Thread-safe and shared; the body limit is ours (maxRecordBytes), not Jackson's 20 M chars. */
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .build();

    private final long maxRecordBytes;
    private final CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private CharBuffer scratch = CharBuffer.allocate(4096);

    JsonLineParser(long maxRecordBytes) {
        this.maxRecordBytes = maxRecordBytes;
    }

    /** The comment or rejection in bytes[0, length), or null for a blank line (skipped silently). */
    RawComment parse(byte[] bytes, int length, SourceDescriber source) {
        // Length first: an over-long line holds only its first bytes, which could all be blanks.
        if (length > maxRecordBytes) return reject(RejectReason.TOO_LONG, bytes, length, source);
        if (isBlank(bytes, length)) return null;
        if (!isValidUtf8(bytes, length)) return reject(RejectReason.INVALID_UTF8, bytes, length, source);
        String body = null;
        try (JsonParser p = JSON.createParser(bytes, 0, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return reject(RejectReason.MALFORMED_JSON, bytes, length, source);
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                boolean isBody = "body".equals(p.currentName());
                JsonToken value = p.nextToken();
                if (isBody) body = value == JsonToken.VALUE_STRING ? p.getText() : null;
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
        return skip == null ? RawComment.body(body) : reject(skip, bytes, length, source);
    }

    private static boolean isBlank(byte[] b, int length) {
        for (int i = 0; i < length; i++) {
            if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') return false;
        }
        return true;
    }

    /** ASCII is checked inline; the decoder runs only from the first non-ASCII byte. */
    private boolean isValidUtf8(byte[] b, int length) {
        int i = 0;
        while (i < length && b[i] >= 0) i++;
        if (i == length) return true;
        if (scratch.capacity() < length - i) scratch = CharBuffer.allocate(length - i);
        scratch.clear();
        strict.reset();
        if (strict.decode(ByteBuffer.wrap(b, i, length - i), scratch, true).isError()) return false;
        return !strict.flush(scratch).isError();
    }

    private static RawComment reject(RejectReason reason, byte[] bytes, int length, SourceDescriber source) {
        // Four bytes per char at most: enough for MAX_RAW_START chars, never the whole 50 MB line.
        int n = Math.min(length, 4 * RawComment.MAX_RAW_START);
        return RawComment.rejected(reason, new String(bytes, 0, n, StandardCharsets.UTF_8), source.describe());
    }

    /** Where the current line came from; built only for rejections. */
    interface SourceDescriber {
        String describe();
    }
}
