package org.sparkrnnlm.jobs.preprocess;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.sparkrnnlm.jobs.hadoop.LineBytes;
import scala.Tuple2;

/**
 * Consecutive records of one single-stream input partition (a .zst, a .gz, a CSV read in one
 * piece), cut where they are read so that other tasks tokenize them: a run of whole JSON lines as
 * the stream has them (framed and parsed where they land, see {@link RunLines}) or parsed CSV rows.
 * {@link #start} is the chunk's place in its partition in units of {@link #size}, an upper bound on
 * the sentences its records can give: for a run of lines its offset and length in the stream (a
 * line of n bytes gives at most n / 2 + 1 sentences, fewer than its bytes with the terminator), so
 * each reader of a stream numbers its runs alone; for CSV rows a body's chars plus one each. So
 * {@code position(partition, start + i)} numbers the chunk's sentences in input order without
 * knowing the chunks before it; {@link ChunkPositions} turns these into the positions of an
 * unsplit read once every chunk's sentences are counted. Plain fields for Kryo (registered).
 */
public final class RecordChunk implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Positions keep the partition above bit 40: a partition's sizes must add up to less. */
    static final long MAX_START = (1L << SentenceBlock.POSITION_BITS) - 1;

    private final int partition;
    private final long start;
    private final long size;
    // JSON lines: the run's bytes (starting at offset start of the file), what a line keeps, and what a rejection names.
    private final String file;
    private final boolean offsetsMeaningful;
    private final boolean compressed;
    private final int keep;
    private final byte[] data;
    // CSV: the rows, parsed.
    private final RawComment[] comments;

    private RecordChunk(int partition, long start, long size, String file, boolean offsetsMeaningful, boolean compressed,
                        int keep, byte[] data, RawComment[] comments) {
        if (start + size > MAX_START) {
            throw new IllegalStateException("an input partition too big to number its sentences in "
                    + SentenceBlock.POSITION_BITS + " bits: split the input into smaller files");
        }
        this.partition = partition;
        this.start = start;
        this.size = size;
        this.file = file;
        this.offsetsMeaningful = offsetsMeaningful;
        this.compressed = compressed;
        this.keep = keep;
        this.data = data;
        this.comments = comments;
    }

    /** A run of lines of a file read as one stream; keep: the reader's maxRecordBytes + 1. */
    static RecordChunk ofRun(int partition, String file, boolean offsetsMeaningful, boolean compressed, int keep, LineRuns.Run run) {
        return new RecordChunk(partition, run.offset(), run.consumed(), file, offsetsMeaningful, compressed, keep, run.bytes(), null);
    }

    int partition() {
        return partition;
    }

    long start() {
        return start;
    }

    /** At least the number of sentences the chunk's records can give. */
    long size() {
        return size;
    }

    /** The provisional position of the chunk's first sentence. */
    long firstPosition() {
        return SentenceBlock.position(partition, start);
    }

    /** The chunk's records as comments or rejections, JSON lines parsed here. */
    Iterator<RawComment> records(long maxRecordBytes) {
        if (comments != null) return Arrays.asList(comments).iterator();
        JsonLineParser parser = new JsonLineParser(maxRecordBytes);
        RunLines lines = new RunLines(data, start, keep);
        return new Iterator<>() {
            private byte[] line = new byte[1 << 12];
            private RawComment next;

            @Override
            public boolean hasNext() {
                while (next == null && lines.advance()) {
                    int length = lines.length();
                    if (line.length < length) line = new byte[Math.max(length, 2 * line.length)];
                    System.arraycopy(data, lines.from(), line, 0, length);
                    long lineStart = lines.lineStart();
                    next = parser.parse(line, length, () -> LineBytes.describe(file, offsetsMeaningful, compressed, lineStart));
                }
                return next != null;
            }

            @Override
            public RawComment next() {
                if (!hasNext()) throw new NoSuchElementException();
                RawComment r = next;
                next = null;
                return r;
            }
        };
    }

    /** Cuts one input partition's parsed rows into chunks of about chunkBytes of body text. */
    static Iterator<Tuple2<Integer, RecordChunk>> ofComments(int partition, Iterator<RawComment> rows, int chunkBytes) {
        return new Cutter<>(rows, chunkBytes) {
            private final List<RawComment> comments = new ArrayList<>();
            private int chars;

            @Override
            long add(RawComment r) {
                comments.add(r);
                int n = r.isRejected() ? 0 : r.body().length();
                chars += Math.min(n, Integer.MAX_VALUE - chars);
                return n + 1L;
            }

            @Override
            int bytes() {
                return chars;
            }

            @Override
            RecordChunk cut(long start, long size) {
                RecordChunk c = new RecordChunk(partition, start, size, null, false, false, 0, null,
                        comments.toArray(new RawComment[0]));
                comments.clear();
                chars = 0;
                return c;
            }
        }.keyed(partition);
    }

    /** Groups records into chunks as they are read: one chunk in memory at a time. */
    private abstract static class Cutter<R> implements Iterator<RecordChunk> {
        private final Iterator<R> records;
        private final int chunkBytes;
        private long start;
        private long size;
        private int count;

        Cutter(Iterator<R> records, int chunkBytes) {
            this.records = records;
            this.chunkBytes = chunkBytes;
        }

        /** Adds a record; returns its size (the bound on its sentences). */
        abstract long add(R record);

        abstract int bytes();

        abstract RecordChunk cut(long start, long size);

        @Override
        public boolean hasNext() {
            while (bytes() < chunkBytes && records.hasNext()) {
                size += add(records.next());
                count++;
            }
            return count > 0;
        }

        @Override
        public RecordChunk next() {
            if (!hasNext()) throw new NoSuchElementException();
            RecordChunk c = cut(start, size);
            start += size;
            size = 0;
            count = 0;
            return c;
        }

        /** Each chunk keyed by its ordinal plus the partition, so chunks spread round-robin from any partition. */
        Iterator<Tuple2<Integer, RecordChunk>> keyed(int partition) {
            Iterator<RecordChunk> chunks = this;
            return new Iterator<>() {
                private int ordinal;

                @Override
                public boolean hasNext() {
                    return chunks.hasNext();
                }

                @Override
                public Tuple2<Integer, RecordChunk> next() {
                    return new Tuple2<>(partition + ordinal++, chunks.next());
                }
            };
        }
    }
}
