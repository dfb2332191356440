package org.sparkrnnlm.jobs.hadoop;

import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.mapreduce.InputFormat;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Reading files on Spark through our Hadoop input formats, for every job that reads user input:
 * which files --input names, and the RDD of the records an input format makes of them.
 */
public final class HadoopInputs {
    /** Hadoop configuration key that carries maxRecordBytes to the record readers. */
    static final String MAX_RECORD_BYTES_KEY = "rnnlm.preprocess.max-record-bytes";
    /** Bigger limits are lowered to this: a record must fit a Java array with room to spare. */
    static final long MAX_RECORD_BYTES_CEILING = 1L << 30;

    private HadoopInputs() {
    }

    /**
     * The files named by inputs (files, directories, globs; any Hadoop path) in input order:
     * see {@link InputPaths#resolve}. Registers {@link ZstdLongWindowCodec} in the session's
     * Hadoop configuration first, so .zst is read alike by every reader.
     */
    public static List<Path> files(JavaSparkContext jsc, List<String> inputs) throws IOException {
        if (inputs.isEmpty()) throw new IllegalArgumentException("no input given");
        ZstdLongWindowCodec.register(jsc.hadoopConfiguration());
        return InputPaths.resolve(jsc.hadoopConfiguration(), inputs);
    }

    /**
     * The configuration to read files with: the session's, plus maxRecordBytes for the readers and
     * whatever the caller's input format needs (set it on the returned object before {@link #read}).
     */
    public static Configuration jobConfiguration(JavaSparkContext jsc, List<Path> files, long maxRecordBytes) throws IOException {
        if (maxRecordBytes < 1) throw new IllegalArgumentException("maxRecordBytes must be positive: " + maxRecordBytes);
        Configuration conf = new Configuration(jsc.hadoopConfiguration());
        conf.setLong(MAX_RECORD_BYTES_KEY, Math.min(maxRecordBytes, MAX_RECORD_BYTES_CEILING));
        // Line and stream buffers: Hadoop's 4 KB default costs throughput on big dumps.
        conf.setInt("io.file.buffer.size", Math.max(conf.getInt("io.file.buffer.size", 4096), 1 << 16));
        Job job = Job.getInstance(conf);
        FileInputFormat.setInputPaths(job, files.toArray(new Path[0]));
        return job.getConfiguration();
    }

    /** The records of the configured files in input order: partitions follow files, then splits. */
    public static <V> JavaRDD<V> read(JavaSparkContext jsc, Configuration jobConf,
                                      Class<? extends InputFormat<LongWritable, V>> format, Class<V> type) {
        return jsc.newAPIHadoopRDD(jobConf, format, LongWritable.class, type).values();
    }

    public static long maxRecordBytes(Configuration conf) {
        long v = conf.getLong(MAX_RECORD_BYTES_KEY, -1);
        if (v < 1) throw new IllegalStateException(MAX_RECORD_BYTES_KEY + " is not set");
        return v;
    }
}
