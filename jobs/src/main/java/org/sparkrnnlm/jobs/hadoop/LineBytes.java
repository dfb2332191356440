package org.sparkrnnlm.jobs.hadoop;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The checks every line parser makes before its JSON: blank lines, invalid UTF-8, and the start of
 * a rejected line as text. Not thread-safe (it reuses a decoder): one per parser.
 */
public final class LineBytes {
    private final CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private CharBuffer scratch = CharBuffer.allocate(4096);

    /** Spaces, tabs and a CR only: such lines are skipped without a word. */
    public static boolean isBlank(byte[] b, int length) {
        for (int i = 0; i < length; i++) {
            if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') return false;
        }
        return true;
    }

    /** ASCII is checked inline; the decoder runs only from the first non-ASCII byte. */
    public boolean isValidUtf8(byte[] b, int length) {
        int i = 0;
        while (i < length && b[i] >= 0) i++;
        if (i == length) return true;
        if (scratch.capacity() < length - i) scratch = CharBuffer.allocate(length - i);
        scratch.clear();
        strict.reset();
        if (strict.decode(ByteBuffer.wrap(b, i, length - i), scratch, true).isError()) return false;
        return !strict.flush(scratch).isError();
    }

    /**
     * Where a rejected line came from: the file, and for a file whose byte offsets mean something
     * (not a block-split .bz2) the line's offset, in the decompressed text for a compressed file.
     */
    public static String describe(String file, boolean offsetsMeaningful, boolean compressed, long lineStart) {
        if (!offsetsMeaningful) return file;
        return file + ", byte " + lineStart + (compressed ? " of the decompressed text" : "");
    }

    /** The first {@link BadRecordJson#MAX_RAW_START} chars of a rejected line, never the whole 50 MB of it. */
    public static String rawStart(byte[] bytes, int length) {
        // Four bytes per char at most: enough for MAX_RAW_START chars.
        int n = Math.min(length, 4 * BadRecordJson.MAX_RAW_START);
        return BadRecordJson.clip(new String(bytes, 0, n, StandardCharsets.UTF_8));
    }
}
