package org.sparkrnnlm.jobs.preprocess;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.function.LongPredicate;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CodecPool;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.io.compress.Decompressor;
import org.apache.hadoop.io.compress.SplittableCompressionCodec;
import org.apache.spark.TaskContext;
import org.apache.spark.util.TaskCompletionListener;
import org.apache.spark.util.SerializableConfiguration;
import org.sparkrnnlm.jobs.hadoop.HadoopInputs;
import scala.Tuple2;

/**
 * A JSON-lines file read as one stream (see {@link CommentSources}): decompressed with its Hadoop
 * codec and cut by {@link LineRuns} into {@link RecordChunk}s of whole lines, which the tasks that
 * tokenize them frame and parse. Serializable, to be opened in tasks.
 */
final class JsonStream implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final int partition;
    private final int chunkBytes;
    private final SerializableConfiguration conf;

    /** conf: the job configuration of {@link HadoopInputs#jobConfiguration}, which carries maxRecordBytes. */
    JsonStream(Path file, int partition, int chunkBytes, Configuration conf) {
        this.file = file.toString();
        this.partition = partition;
        this.chunkBytes = chunkBytes;
        this.conf = new SerializableConfiguration(conf);
    }

    /** The input partition the file's records number their sentences from. */
    int partition() {
        return partition;
    }

    /**
     * The chunks whose ordinals {@code owned} accepts, in stream order, each keyed by its ordinal plus
     * the partition (the key {@link CommentSources} deals them by); the stream closes at their end or
     * when the task completes.
     */
    Iterator<Tuple2<Integer, RecordChunk>> chunks(LongPredicate owned) throws IOException {
        Configuration c = conf.value();
        Path path = new Path(file);
        CompressionCodec codec = new CompressionCodecFactory(c).getCodec(path);
        boolean offsetsMeaningful = !(codec instanceof SplittableCompressionCodec);
        int keep = (int) HadoopInputs.maxRecordBytes(c) + 1;
        InputStream in = open(c, path, codec);
        TaskContext task = TaskContext.get();
        if (task != null) task.addTaskCompletionListener((TaskCompletionListener) t -> close(in));
        // Lines longer than this come in pieces, as from JsonLinesRecordReader (LineReader's limit).
        long maxPiece = Integer.MAX_VALUE - 2L * c.getInt("io.file.buffer.size", 65536) - 16;
        LineRuns runs = new LineRuns(in, chunkBytes, keep + 3, maxPiece, owned);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                boolean more;
                try {
                    more = runs.hasNext();
                } catch (UncheckedIOException e) {
                    // Damaged compressed data or a failing file system: fail (and retry) naming the file.
                    throw new UncheckedIOException(new IOException("cannot read " + file + ": " + e.getCause().getMessage(), e.getCause()));
                }
                if (!more) close(in);
                return more;
            }

            @Override
            public Tuple2<Integer, RecordChunk> next() {
                LineRuns.Run run = runs.next();
                return new Tuple2<>((int) (partition + run.ordinal()),
                        RecordChunk.ofRun(partition, file, offsetsMeaningful, codec != null, keep, run));
            }
        };
    }

    private static InputStream open(Configuration c, Path path, CompressionCodec codec) throws IOException {
        InputStream raw = path.getFileSystem(c).open(path);
        if (codec == null) return raw;
        Decompressor decompressor = CodecPool.getDecompressor(codec);
        try {
            InputStream in = codec.createInputStream(raw, decompressor);
            return new FilterInputStream(in) {
                private boolean closed;

                @Override
                public void close() throws IOException {
                    if (closed) return;
                    closed = true;
                    try {
                        super.close();
                    } finally {
                        CodecPool.returnDecompressor(decompressor);
                    }
                }
            };
        } catch (IOException | RuntimeException e) {
            raw.close();
            CodecPool.returnDecompressor(decompressor);
            throw e;
        }
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // Everything needed was read; a failing close loses nothing.
        }
    }
}
