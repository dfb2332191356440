package org.sparkrnnlm.jobs.preprocess;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.hadoop.io.LongWritable;
import org.sparkrnnlm.jobs.hadoop.LineBytes;
import scala.Tuple2;

/**
 * Consecutive records of one single-stream input partition (a .zst, a .gz, a CSV read in one
 * piece), cut where they are read so that other tasks tokenize them: raw JSON lines (parsed where
 * they land) or parsed CSV rows. {@link #start} is the chunk's place in its partition in units of
 * {@link #size}, an upper bound on the sentences a record can give (half a JSON line's bytes, a
 * CSV body's chars, plus one), so {@code position(partition, start + i)} numbers the chunk's
 * sentences in input order without knowing the chunks before it; {@link ChunkPositions} turns these
 * into the positions of an unsplit read once every chunk's sentences are counted.
 * Plain fields for Kryo (registered).
 */
public final class RecordChunk implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Positions keep the partition above bit 40: a partition's sizes must add up to less. */
    static final long MAX_START = (1L << SentenceBlock.POSITION_BITS) - 1;

    private final int partition;
    private final long start;
    private final long size;
    // JSON lines: the lines' bytes end to end, where each ends, where each started in its file.
    private final String file;
    private final boolean offsetsMeaningful;
    private final boolean compressed;
    private final byte[] data;
    private final int[] ends;
    private final long[] lineStarts;
    // CSV: the rows, parsed.
    private final RawComment[] comments;

    private RecordChunk(int partition, long start, long size, String file, boolean offsetsMeaningful, boolean compressed,
                        byte[] data, int[] ends, long[] lineStarts, RawComment[] comments) {
        this.partition = partition;
        this.start = start;
        this.size = size;
        this.file = file;
        this.offsetsMeaningful = offsetsMeaningful;
        this.compressed = compressed;
        this.data = data;
        this.ends = ends;
        this.lineStarts = lineStarts;
        this.comments = comments;
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
        return new Iterator<>() {
            private int i;
            private byte[] line = new byte[1 << 12];
            private RawComment next;

            @Override
            public boolean hasNext() {
                while (next == null && i < ends.length) {
                    int from = i == 0 ? 0 : ends[i - 1];
                    int length = ends[i] - from;
                    if (line.length < length) line = new byte[Math.max(length, 2 * line.length)];
                    System.arraycopy(data, from, line, 0, length);
                    long lineStart = lineStarts[i++];
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

    /**
     * Cuts one input partition's JSON lines (offset, bytes) into chunks of about chunkBytes, keyed
     * by their ordinal in the partition.
     */
    static Iterator<Tuple2<Integer, RecordChunk>> ofLines(int partition, String file, boolean offsetsMeaningful, boolean compressed,
                                                         Iterator<Tuple2<LongWritable, byte[]>> lines, int chunkBytes) {
        return new Cutter<>(lines, chunkBytes) {
            private final java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream();
            private final List<Integer> ends = new ArrayList<>();
            private final List<Long> lineStarts = new ArrayList<>();

            @Override
            long add(Tuple2<LongWritable, byte[]> line) {
                lineStarts.add(line._1().get());
                data.write(line._2(), 0, line._2().length);
                ends.add(data.size());
                return line._2().length / 2 + 1;
            }

            @Override
            int bytes() {
                return data.size();
            }

            @Override
            RecordChunk cut(long start, long size) {
                RecordChunk c = new RecordChunk(partition, start, size, file, offsetsMeaningful, compressed, data.toByteArray(),
                        ends.stream().mapToInt(Integer::intValue).toArray(), lineStarts.stream().mapToLong(Long::longValue).toArray(),
                        null);
                data.reset();
                ends.clear();
                lineStarts.clear();
                return c;
            }
        }.keyed(partition);
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
                RecordChunk c = new RecordChunk(partition, start, size, null, false, false, null, null, null,
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
            if (start + size > MAX_START) {
                throw new IllegalStateException("an input partition too big to number its sentences in "
                        + SentenceBlock.POSITION_BITS + " bits: split the input into smaller files");
            }
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
