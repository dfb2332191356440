package org.sparkrnnlm.jobs.preprocess;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.sparkrnnlm.jobs.hadoop.HadoopInputs;
import org.sparkrnnlm.jobs.hadoop.InputPaths;

/**
 * CSV dumps. A quoted field may hold line breaks, so a byte offset alone is no safe place to start
 * reading: plain files are split by byte range all the same, each split reading the rows that
 * start in it, from where {@link CsvSplits#prepare} (run before the read) says they start;
 * compressed files are read whole. Files are streamed (decompressed by extension), never loaded
 * whole. Public for Spark's reflection.
 */
public final class CsvCommentInputFormat extends FileInputFormat<LongWritable, RawComment> {
    @Override
    protected boolean isSplitable(JobContext context, Path file) {
        return new CompressionCodecFactory(context.getConfiguration()).getCodec(file) == null;
    }

    @Override
    protected List<FileStatus> listStatus(JobContext job) throws IOException {
        return InputPaths.listExactly(job);
    }

    @Override
    public RecordReader<LongWritable, RawComment> createRecordReader(InputSplit split, TaskAttemptContext context) {
        return new Reader();
    }

    private static final class Reader extends RecordReader<LongWritable, RawComment> {
        private CsvCommentParser parser;
        private final LongWritable key = new LongWritable();
        private RawComment value;
        private boolean finished;
        private Path file;

        @Override
        public void initialize(InputSplit split, TaskAttemptContext context) throws IOException {
            Configuration conf = context.getConfiguration();
            FileSplit fileSplit = (FileSplit) split;
            file = fileSplit.getPath();
            FileSystem fs = file.getFileSystem(conf);
            CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(file);
            long fileLength = codec == null ? fs.getFileStatus(file).getLen() : -1;
            if (codec == null && (fileSplit.getStart() > 0 || fileSplit.getLength() < fileLength)) {
                initializeSplit(fs, fileSplit, fileLength, conf);
                return;
            }
            CsvCommentParser.Opener opener = () -> {
                InputStream raw = fs.open(file);
                try {
                    InputStream in = codec == null ? raw : codec.createInputStream(raw);
                    return new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPLACE)
                            .onUnmappableCharacter(CodingErrorAction.REPLACE));
                } catch (IOException | RuntimeException e) {
                    raw.close();
                    throw e;
                }
            };
            parser = new CsvCommentParser(opener, file.toString(), HadoopInputs.maxRecordBytes(conf)).metadata(metadata(conf));
        }

        /** One split of a plain file: the rows that start in it (see {@link CsvSplits}). */
        private void initializeSplit(FileSystem fs, FileSplit split, long fileLength, Configuration conf) throws IOException {
            long start = split.getStart();
            long end = start + split.getLength();
            Map<String, long[]> entries = CsvSplits.entries(conf);
            String name = file.toString();
            long maxRecordBytes = HadoopInputs.maxRecordBytes(conf);
            long[] entry = entries.get(name + "@" + start);
            if (entry == null) throw new IOException("cannot read " + file + " in splits: its row starts were not computed");
            if (entries.containsKey(name)) {
                // Read whole by the first split.
                if (start == 0) parser = new CsvCommentParser(range(fs, 0, fileLength), name, maxRecordBytes).metadata(metadata(conf));
                finished = start != 0;
                return;
            }
            CsvCommentParser.Header header = null;
            if (start > 0) {
                CsvCommentParser head = new CsvCommentParser(range(fs, 0, fileLength), name, maxRecordBytes);
                try {
                    header = head.header();
                } finally {
                    head.close();
                }
                if (header == null) {
                    finished = true; // the first split reports the file's bad header
                    return;
                }
            }
            long[] from = start == 0 ? new long[] {0, 0} : rowStart(fs, start, (int) entry[0]);
            long[] next = entries.get(name + "@" + end);
            long to = next == null ? fileLength : rowStart(fs, end, (int) next[0])[0];
            if (from[0] >= to) {
                finished = true;
                return;
            }
            CsvCommentParser.Opener opener = range(fs, from[0], to - from[0]);
            parser = (start == 0 ? new CsvCommentParser(opener, name, maxRecordBytes)
                    : new CsvCommentParser(opener, name, maxRecordBytes, header, entry[1] - 1, entry[2] + from[1])).metadata(metadata(conf));
        }

        private static boolean metadata(Configuration conf) {
            return conf.getBoolean(CommentSources.METADATA_KEY, false);
        }

        private long[] rowStart(FileSystem fs, long offset, int state) throws IOException {
            long from = offset + CsvSplits.bomEnd(fs, file, offset);
            try (InputStream in = CsvSplits.openAt(fs, file, from)) {
                return CsvSplits.firstRowStart(in, from, state);
            }
        }

        /** Reads length bytes of the file from offset on. */
        private CsvCommentParser.Opener range(FileSystem fs, long offset, long length) {
            return () -> {
                InputStream in = new BoundedInputStream(CsvSplits.openAt(fs, file, offset), length);
                return new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE));
            };
        }

        @Override
        public boolean nextKeyValue() throws IOException {
            try {
                value = finished ? null : parser.next();
            } catch (IOException e) {
                // Damaged compressed data or a failing file system: fail (and retry) naming the file.
                throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
            }
            finished = value == null;
            if (!finished) key.set(key.get() + 1);
            return !finished;
        }

        @Override
        public LongWritable getCurrentKey() {
            return key;
        }

        @Override
        public RawComment getCurrentValue() {
            return value;
        }

        @Override
        public float getProgress() {
            return finished ? 1f : 0f;
        }

        @Override
        public void close() throws IOException {
            if (parser != null) parser.close();
        }
    }

    /** At most length bytes of a stream. */
    private static final class BoundedInputStream extends java.io.FilterInputStream {
        private long left;

        BoundedInputStream(InputStream in, long length) {
            super(in);
            this.left = length;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) return -1;
            int b = super.read();
            if (b >= 0) left--;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) return -1;
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n > 0) left -= n;
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(Math.min(n, left));
            left -= skipped;
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(super.available(), left);
        }
    }
}
