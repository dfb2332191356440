package org.sparkrnnlm.jobs.preprocess;

import java.io.IOException;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.io.compress.SplittableCompressionCodec;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;

/**
 * JSON lines split like TextInputFormat (plain files and .bz2 by byte range, so one big dump
 * spreads over many tasks; .gz/.zst whole), read into RawComments. Public for Spark's reflection.
 */
public final class JsonLinesInputFormat extends FileInputFormat<LongWritable, RawComment> {
    @Override
    public RecordReader<LongWritable, RawComment> createRecordReader(InputSplit split, TaskAttemptContext context) {
        return new JsonLinesRecordReader();
    }

    @Override
    protected boolean isSplitable(JobContext context, Path file) {
        CompressionCodec codec = new CompressionCodecFactory(context.getConfiguration()).getCodec(file);
        return codec == null || codec instanceof SplittableCompressionCodec;
    }

    @Override
    protected List<FileStatus> listStatus(JobContext job) throws IOException {
        return InputPaths.listExactly(job);
    }
}
