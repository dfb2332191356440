package org.sparkrnnlm.jobs.preprocess;

/**
 * A cursor over the lines of one run of {@link LineRuns}, framed as Hadoop's LineRecordReader (and
 * so our JsonLinesRecordReader) frames a file: LF, CR and CRLF end a line; a line keeps at most
 * {@code keep} bytes (keep + 3 at the start of the file, where a UTF-8 byte order mark is then
 * dropped); each line's offset is its first byte's in the stream, terminators included.
 */
final class RunLines {
    private final byte[] data;
    private final long offset;
    private final int keep;
    private int next;
    private long lineStart;
    private int from;
    private int length;

    /** data: the run's bytes, starting at offset in the stream; keep: the reader's maxRecordBytes + 1. */
    RunLines(byte[] data, long offset, int keep) {
        this.data = data;
        this.offset = offset;
        this.keep = keep;
    }

    /** Moves to the next line; false after the last. */
    boolean advance() {
        int i = next;
        if (i >= data.length) return false;
        int end = i;
        while (end < data.length && data[end] != '\n' && data[end] != '\r') end++;
        if (end == data.length) next = end;
        else next = end + (data[end] == '\r' && end + 1 < data.length && data[end + 1] == '\n' ? 2 : 1);
        lineStart = offset + i;
        from = i;
        boolean first = lineStart == 0;
        length = Math.min(end - i, first ? keep + 3 : keep);
        if (first && length >= 3 && data[i] == (byte) 0xEF && data[i + 1] == (byte) 0xBB && data[i + 2] == (byte) 0xBF) {
            from += 3;
            length -= 3;
        }
        return true;
    }

    byte[] data() {
        return data;
    }

    /** Where the current line's bytes start in {@link #data}. */
    int from() {
        return from;
    }

    int length() {
        return length;
    }

    /** The current line's offset in the stream (before any byte order mark). */
    long lineStart() {
        return lineStart;
    }
}
