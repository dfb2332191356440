package org.sparkrnnlm.jobs.preprocess;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.LongPredicate;

/**
 * Cuts a (decompressed) byte stream into runs of whole lines of about runBytes each, without looking
 * at the lines inside a run: a run ends after the last line terminator of a full buffer, found by
 * scanning back from its end. Line terminators are Hadoop's LineReader's (LF, CR, CRLF), so that
 * {@link RunLines} frames each run's lines as a LineRecordReader frames the stream. The cuts depend
 * only on the bytes and the settings (the buffer is always filled before cutting), so every reader
 * of the same stream cuts it alike and may keep only the runs it owns, copying no others.
 * A line that does not fit a buffer of {@code lineLimit} + 2 bytes is kept as an over-long run of
 * its first lineLimit bytes and skipped to its end; after maxPiece bytes without a terminator the
 * line is cut into a new one, as LineReader cuts a line longer than it may consume.
 */
final class LineRuns implements Iterator<LineRuns.Run> {
    /**
     * Bytes [offset, offset + consumed) of the stream: whole lines in {@code bytes}, or the first
     * bytes of one over-long line ({@code overlong}; consumed counts the whole line).
     */
    record Run(long ordinal, long offset, long consumed, byte[] bytes, boolean overlong) {
    }

    private final InputStream in;
    private final int runBytes;
    private final int lineLimit;
    private final long maxPiece;
    private final LongPredicate owned;
    private byte[] buffer;
    private int length;
    private boolean eof;
    private long offset;
    private long ordinal;
    private Run next;

    /**
     * lineLimit: bytes of an over-long line to keep (the reader's limit, plus 3 for a byte order mark);
     * owned: which run ordinals to return (the others are cut but dropped).
     */
    LineRuns(InputStream in, int runBytes, int lineLimit, long maxPiece, LongPredicate owned) {
        if (runBytes < 1 || lineLimit < 1 || maxPiece <= lineLimit) throw new IllegalArgumentException("bad run settings");
        this.in = in;
        this.runBytes = runBytes;
        this.lineLimit = lineLimit;
        this.maxPiece = maxPiece;
        this.owned = owned;
        this.buffer = new byte[runBytes];
    }

    @Override
    public boolean hasNext() {
        try {
            while (next == null && !(eof && length == 0)) next = cut();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return next != null;
    }

    @Override
    public Run next() {
        if (!hasNext()) throw new NoSuchElementException();
        Run r = next;
        next = null;
        return r;
    }

    /** The next run if owned, else null (and also null while a buffer grows for a long line). */
    private Run cut() throws IOException {
        fill();
        if (length == 0) return null;
        int end = eof ? length : lastCut();
        if (end > 0) return take(end, end, false);
        if (buffer.length < lineLimit + 2) {
            // One line fills the buffer: grow it until the line ends or is surely over-long.
            buffer = Arrays.copyOf(buffer, (int) Math.min((long) lineLimit + 2, 2L * buffer.length));
            return null;
        }
        return overlong();
    }

    /** After the last terminator whose meaning is settled (a CR at the very end may be the start of a CRLF); 0 if none. */
    private int lastCut() {
        for (int i = length - 1; i >= 0; i--) {
            byte b = buffer[i];
            if (b == '\n' || (b == '\r' && i < length - 1)) return i + 1;
        }
        return 0;
    }

    /** Returns the first `end` bytes as a run (if owned) covering `consumed` bytes of the stream, and keeps the rest. */
    private Run take(int end, long consumed, boolean isOverlong) {
        long n = ordinal++;
        Run r = owned.test(n) ? new Run(n, offset, consumed, Arrays.copyOf(buffer, end), isOverlong) : null;
        offset += consumed;
        int keep = Math.max(0, length - end);
        System.arraycopy(buffer, length - keep, buffer, 0, keep);
        length = keep;
        return r;
    }

    /** Keeps the first lineLimit bytes of the line at the buffer's start and skips it to its terminator, or to maxPiece bytes. */
    private Run overlong() throws IOException {
        byte[] head = Arrays.copyOf(buffer, lineLimit);
        long before = 0; // bytes of the line already dropped from the buffer
        while (true) {
            for (int i = 0; i < length; i++) {
                if (before + i >= maxPiece) return skipped(head, before + i, i);
                if (buffer[i] == '\n') return skipped(head, before + i + 1, i + 1);
                if (buffer[i] == '\r') {
                    if (i + 1 < length) {
                        int terminator = buffer[i + 1] == '\n' ? 2 : 1;
                        return skipped(head, before + i + terminator, i + terminator);
                    }
                    if (eof) return skipped(head, before + i + 1, i + 1);
                    // A CR at the buffer's end: read on to see whether a LF follows.
                    before += i;
                    buffer[0] = '\r';
                    length = 1;
                    fill();
                    i = -1;
                }
            }
            if (eof) return skipped(head, before + length, length);
            before += length;
            length = 0;
            fill();
        }
    }

    private Run skipped(byte[] head, long consumed, int used) {
        long n = ordinal++;
        Run r = owned.test(n) ? new Run(n, offset, consumed, head, true) : null;
        offset += consumed;
        System.arraycopy(buffer, used, buffer, 0, length - used);
        length -= used;
        return r;
    }

    /** Fills the buffer to its end or to the end of the stream, so that cuts never depend on read sizes. */
    private void fill() throws IOException {
        while (!eof && length < buffer.length) {
            int n = in.read(buffer, length, buffer.length - length);
            if (n < 0) eof = true;
            else length += n;
        }
    }
}
