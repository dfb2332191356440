package org.sparkrnnlm.jobs.preprocess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.IntStream;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.io.compress.GzipCodec;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.spark.HashPartitioner;
import org.apache.spark.TaskContext;
import org.apache.spark.util.TaskCompletionListener;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.sparkrnnlm.jobs.hadoop.HadoopInputs;
import org.sparkrnnlm.jobs.hadoop.InputPaths;
import org.sparkrnnlm.jobs.hadoop.ZstdLongWindowCodec;
import scala.Tuple2;

/**
 * Reads comment dumps into RawComments on Spark. Bad input never fails the read: every record is
 * either a comment body or a rejection with its reason (the caller counts them and decides).
 */
public final class CommentSources {
    /**
     * Hadoop configuration key: a file read in one piece is redistributed (see {@link #sources}) only
     * from this size on (bytes as stored; default 8 MiB): below it a shuffle costs more than it gains.
     */
    public static final String STREAM_MIN_BYTES_KEY = "rnnlm.preprocess.stream-min-bytes";
    /** Hadoop configuration key: the size of the chunks a redistributed file is cut into (default 1 MiB of records). */
    public static final String CHUNK_BYTES_KEY = "rnnlm.preprocess.chunk-bytes";
    /**
     * Hadoop configuration key: a JSON-lines file streamed for at most this many partitions (default
     * 4) is decompressed by every tokenizing task, each keeping its own chunks, instead of by one
     * task that deals them out through a shuffle; see {@link #decodedEverywhere}.
     */
    public static final String DECODE_EVERYWHERE_MAX_PARTITIONS_KEY = "rnnlm.preprocess.decode-everywhere-max-partitions";
    /** Hadoop configuration key, set by {@link #read} when asked: readers also keep each comment's metadata (see {@link RawComment}). */
    static final String METADATA_KEY = "rnnlm.comments.metadata";

    private CommentSources() {
    }

    /**
     * What preprocess tokenizes: groups of input partitions read in place, each with the index of its
     * first partition in input order, and the chunks of the files read in one piece, spread over the
     * requested partitions (null when there are none).
     */
    record Sources(JavaSparkContext context, List<InPlace> inPlace, JavaRDD<RecordChunk> chunks) {
    }

    /** Input partitions firstPartition, firstPartition + 1, ... of the input, read where they are. */
    record InPlace(JavaRDD<RawComment> records, int firstPartition) {
    }

    /**
     * Every record of the inputs (files, directories, globs; any Hadoop path), one RawComment per
     * comment or rejected record, in input order (files of a directory or glob by name).
     * format: "auto" (by extension after stripping .gz/.bz2/.zst: .csv -> CSV, anything else -> JSON
     * lines; a directory's files each by their own name), "csv" or "json". maxRecordBytes: longer
     * records (a JSON line; a CSV body field) are rejected as TOO_LONG, keeping their first 1000 chars.
     * A missing input or a glob matching nothing throws FileNotFoundException; inputs holding no
     * records give an empty RDD. .zst is read with {@link ZstdLongWindowCodec}, which this also
     * registers in the session's Hadoop configuration so Spark's other readers decode .zst alike.
     * Plain files are split into byte ranges, CSV ones too ({@link CsvSplits}); compressed ones but
     * .bz2 JSON lines are read whole.
     */
    public static JavaRDD<RawComment> read(SparkSession spark, List<String> inputs, String format, long maxRecordBytes)
            throws IOException {
        return read(spark, inputs, format, maxRecordBytes, false);
    }

    /**
     * As {@link #read(SparkSession, List, String, long)}; with {@code metadata} each comment also
     * holds the record's id, author, subreddit and created_utc where it has them. Partition i of the
     * result is input partition i, so a record's place in its partition and the partition's index
     * give its place in the dump.
     */
    public static JavaRDD<RawComment> read(SparkSession spark, List<String> inputs, String format, long maxRecordBytes, boolean metadata)
            throws IOException {
        Sources sources = sources(spark, inputs, format, maxRecordBytes, 1, metadata);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<JavaRDD<RawComment>> parts = new ArrayList<>();
        for (InPlace p : sources.inPlace()) parts.add(p.records());
        if (parts.isEmpty()) return jsc.emptyRDD();
        if (parts.size() == 1) return parts.get(0);
        @SuppressWarnings("unchecked")
        JavaRDD<RawComment>[] array = parts.toArray(new JavaRDD[0]);
        return jsc.union(array);
    }

    /**
     * The records of the inputs as {@link #read} has them, for {@code partitions} tasks to tokenize: a
     * file that would be read in one task (a .gz or .zst, a compressed CSV, any file of one split)
     * and that holds more than its share of the input (1 / partitions of the bytes, and at least
     * {@link #STREAM_MIN_BYTES_KEY}) is streamed: cut into chunks (runs of whole JSON lines, see
     * {@link JsonStream}; CSV rows parsed, as framing them is parsing them) dealt round-robin to the
     * partitions, either by one task and a shuffle or, for a JSON-lines file that
     * {@link #decodedEverywhere}, by every partition's task decompressing the stream and keeping its
     * own chunks. Everything else is read in place.
     * Input partitions keep the numbers an unsplit read gives them, a streamed file one.
     */
    static Sources sources(SparkSession spark, List<String> inputs, String format, long maxRecordBytes, int partitions)
            throws IOException {
        return sources(spark, inputs, format, maxRecordBytes, partitions, false);
    }

    private static Sources sources(SparkSession spark, List<String> inputs, String format, long maxRecordBytes, int partitions,
                                   boolean metadata) throws IOException {
        String fmt = format.toLowerCase(Locale.ROOT);
        if (!List.of("auto", "csv", "json").contains(fmt)) {
            throw new IllegalArgumentException("unknown input format '" + format + "' (auto, csv or json)");
        }
        if (maxRecordBytes < 1) throw new IllegalArgumentException("maxRecordBytes must be positive: " + maxRecordBytes);
        if (partitions < 1) throw new IllegalArgumentException("partitions must be positive: " + partitions);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<Path> files = HadoopInputs.files(jsc, inputs);
        boolean[] streamed = streamed(jsc, files, fmt, maxRecordBytes, partitions);
        // Consecutive files of one format read in place share one RDD; the order is the input's.
        List<InPlace> inPlace = new ArrayList<>();
        List<JavaPairRDD<Integer, RecordChunk>> dealt = new ArrayList<>();
        List<JsonStream> everywhere = new ArrayList<>();
        int partition = 0;
        int chunkBytes = jsc.hadoopConfiguration().getInt(CHUNK_BYTES_KEY, 1 << 20);
        for (int i = 0, j; i < files.size(); i = j) {
            String f = fmt.equals("auto") ? InputPaths.formatOf(files.get(i)) : fmt;
            boolean csv = f.equals("csv");
            j = i + 1;
            if (streamed[i]) {
                Configuration jobConf = HadoopInputs.jobConfiguration(jsc, List.of(files.get(i)), maxRecordBytes);
                if (csv) {
                    dealt.add(streamCsv(jsc, jobConf, partition, chunkBytes));
                } else {
                    JsonStream stream = new JsonStream(files.get(i), partition, chunkBytes, jobConf);
                    if (decodedEverywhere(jobConf, files.get(i), partitions)) everywhere.add(stream);
                    else dealt.add(streamJson(jsc, stream));
                }
                partition++;
                continue;
            }
            while (j < files.size() && !streamed[j] && (fmt.equals("auto") ? InputPaths.formatOf(files.get(j)) : fmt).equals(f)) j++;
            JavaRDD<RawComment> records = readFiles(jsc, files.subList(i, j), csv, maxRecordBytes, metadata);
            inPlace.add(new InPlace(records, partition));
            partition += records.getNumPartitions();
        }
        JavaRDD<RecordChunk> chunks = null;
        if (!dealt.isEmpty()) {
            JavaPairRDD<Integer, RecordChunk> all = dealt.get(0);
            for (JavaPairRDD<Integer, RecordChunk> c : dealt.subList(1, dealt.size())) all = all.union(c);
            chunks = all.partitionBy(new HashPartitioner(partitions)).values();
        }
        if (!everywhere.isEmpty()) {
            JavaRDD<RecordChunk> decoded = decodedInEveryTask(jsc, everywhere, partitions);
            chunks = chunks == null ? decoded : chunks.union(decoded);
        }
        return new Sources(jsc, inPlace, chunks);
    }

    /** Which files to stream: see {@link #sources}. */
    private static boolean[] streamed(JavaSparkContext jsc, List<Path> files, String fmt, long maxRecordBytes, int partitions)
            throws IOException {
        boolean[] out = new boolean[files.size()];
        if (partitions == 1) return out;
        Configuration conf = jsc.hadoopConfiguration();
        long minBytes = conf.getLong(STREAM_MIN_BYTES_KEY, 8L << 20);
        long[] sizes = new long[files.size()];
        long total = 0;
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            sizes[i] = f.getFileSystem(conf).getFileStatus(f).getLen();
            total += sizes[i];
        }
        for (int i = 0; i < files.size(); i++) {
            if (sizes[i] < Math.max(1, minBytes) || (double) sizes[i] * partitions <= total) continue;
            boolean csv = (fmt.equals("auto") ? InputPaths.formatOf(files.get(i)) : fmt).equals("csv");
            Job job = Job.getInstance(HadoopInputs.jobConfiguration(jsc, List.of(files.get(i)), maxRecordBytes));
            FileInputFormat<LongWritable, ?> format = csv ? new CsvCommentInputFormat() : new JsonLinesInputFormat();
            out[i] = format.getSplits(job).size() == 1;
        }
        return out;
    }

    /**
     * Whether every tokenizing task should decompress a streamed JSON-lines file itself: then they all
     * start at once, where the shuffle makes them wait until one task has decompressed, cut and
     * written the whole file. The price is decompressing it once per partition: plain files and .zst
     * (about 1 GB/s per core) and .gz (about 300 MB/s) decode 20 to 70 times faster than preprocess
     * tokenizes (15 MB/s per core), so for a few partitions the repeats cost less than the shuffle's
     * serial stage; for many (a cluster) they would waste more CPU and I/O than they save, and .bz2
     * (about 20 MB/s) decodes no faster than it tokenizes.
     */
    private static boolean decodedEverywhere(Configuration conf, Path file, int partitions) {
        if (partitions > conf.getInt(DECODE_EVERYWHERE_MAX_PARTITIONS_KEY, 4)) return false;
        CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(file);
        return codec == null || codec instanceof ZstdLongWindowCodec || codec instanceof GzipCodec;
    }

    /** Partition i of {@code partitions} decompresses every stream and keeps the chunks the shuffle would deal to i. */
    private static JavaRDD<RecordChunk> decodedInEveryTask(JavaSparkContext jsc, List<JsonStream> streams, int partitions) {
        List<Integer> tasks = IntStream.range(0, partitions).boxed().toList();
        return jsc.parallelize(tasks, partitions).mapPartitionsWithIndex((task, ignored) -> {
            Iterator<JsonStream> files = streams.iterator();
            return new Iterator<RecordChunk>() {
                private Iterator<Tuple2<Integer, RecordChunk>> chunks = Collections.emptyIterator();

                @Override
                public boolean hasNext() {
                    try {
                        while (!chunks.hasNext() && files.hasNext()) {
                            JsonStream s = files.next();
                            chunks = s.chunks(ordinal -> (s.partition() + ordinal) % partitions == task);
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return chunks.hasNext();
                }

                @Override
                public RecordChunk next() {
                    if (!hasNext()) throw new NoSuchElementException();
                    return chunks.next()._2();
                }
            };
        }, false);
    }

    /** A JSON-lines file decompressed and cut in one task, a thread ahead of the shuffle write, its chunks keyed for dealing. */
    private static JavaPairRDD<Integer, RecordChunk> streamJson(JavaSparkContext jsc, JsonStream stream) {
        return jsc.parallelize(List.of(0), 1).mapPartitionsToPair(ignored -> {
            ReadAhead<Tuple2<Integer, RecordChunk>> chunks = new ReadAhead<>(stream.chunks(ordinal -> true), 4, "read-ahead");
            TaskContext.get().addTaskCompletionListener((TaskCompletionListener) t -> chunks.close());
            return chunks;
        });
    }

    /** A CSV file read in one task (framing its rows is parsing them), cut into chunks keyed for round-robin dealing. */
    private static JavaPairRDD<Integer, RecordChunk> streamCsv(JavaSparkContext jsc, Configuration jobConf, int partition, int chunkBytes) {
        return HadoopInputs.read(jsc, jobConf, CsvCommentInputFormat.class, RawComment.class)
                .mapPartitionsToPair(rows -> RecordChunk.ofComments(partition, rows, chunkBytes));
    }

    private static JavaRDD<RawComment> readFiles(JavaSparkContext jsc, List<Path> files, boolean csv, long maxRecordBytes,
                                                 boolean metadata) throws IOException {
        Configuration jobConf = HadoopInputs.jobConfiguration(jsc, files, maxRecordBytes);
        jobConf.setBoolean(METADATA_KEY, metadata);
        if (csv) {
            CsvSplits.prepare(jsc, jobConf);
            return HadoopInputs.read(jsc, jobConf, CsvCommentInputFormat.class, RawComment.class);
        }
        return HadoopInputs.read(jsc, jobConf, JsonLinesInputFormat.class, RawComment.class);
    }
}
