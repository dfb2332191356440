package org.sparkrnnlm.jobs.preprocess;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
 * CSV dumps, one whole file per split: a quoted field may hold line breaks, so no byte offset is a
 * safe place to start reading. Files are streamed (decompressed by extension), never loaded whole.
 * Public for Spark's reflection.
 */
public final class CsvCommentInputFormat extends FileInputFormat<LongWritable, RawComment> {
    @Override
    protected boolean isSplitable(JobContext context, Path file) {
        return false;
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
            file = ((FileSplit) split).getPath();
            FileSystem fs = file.getFileSystem(conf);
            CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(file);
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
            parser = new CsvCommentParser(opener, file.toString(), HadoopInputs.maxRecordBytes(conf));
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
}
