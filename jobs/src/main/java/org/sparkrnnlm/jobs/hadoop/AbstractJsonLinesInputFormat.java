package org.sparkrnnlm.jobs.hadoop;

import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
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
 * spreads over many tasks; .gz/.zst whole), each line turned into a record by the subclass's
 * {@link LineParser}. Subclasses must be public with a no-argument constructor: Spark creates them
 * by reflection, so anything a parser needs travels in the job's Configuration.
 */
public abstract class AbstractJsonLinesInputFormat<V> extends FileInputFormat<LongWritable, V> {
    /** The parser of one split, set up from the job's configuration. */
    protected abstract LineParser<V> parser(Configuration conf, long maxRecordBytes);

    @Override
    public RecordReader<LongWritable, V> createRecordReader(InputSplit split, TaskAttemptContext context) {
        return new JsonLinesRecordReader<>(this::parser);
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
