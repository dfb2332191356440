package org.sparkrnnlm.jobs.preprocess;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.mapreduce.Job;
import org.apache.parquet.hadoop.ParquetOutputFormat;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.sparkrnnlm.core.text.Vocabulary;
import scala.Tuple2;

/**
 * Writes sentences as the dataset's Parquet tables: {@code ids} (START and END included) and
 * {@code position} (order in the dump, which readers sort by, since Parquet splits do not keep it).
 */
final class DatasetWriter {
    static final StructType SCHEMA = new StructType()
            .add("position", DataTypes.LongType, false)
            .add("ids", DataTypes.createArrayType(DataTypes.IntegerType, false), false);

    private DatasetWriter() {
    }

    /**
     * The sentences of the blocks that {@code split} puts in held-out ({@code heldout}) or not, in input order,
     * as a Parquet table through Hadoop's output committer (part files and {@code _SUCCESS}).
     */
    static void writeIds(SparkSession spark, JavaRDD<SentenceBlock> blocks, HeldoutSplit split, boolean heldout,
                         Vocabulary vocabulary, String path) throws IOException {
        JavaPairRDD<Void, SentenceWriteSupport.Row> rows = blocks.flatMapToPair(b -> {
            int[] ids = b.ids(vocabulary); // each distinct word of the block looked up once
            List<Tuple2<Void, SentenceWriteSupport.Row>> out = new ArrayList<>(b.size());
            for (int s = 0; s < b.size(); s++) {
                long position = b.position(s);
                if (split.isHeldout(position) == heldout) out.add(new Tuple2<>(null, new SentenceWriteSupport.Row(position, b.encode(s, ids))));
            }
            return out.iterator();
        });
        Job job = Job.getInstance(spark.sparkContext().hadoopConfiguration());
        ParquetOutputFormat.setWriteSupportClass(job, SentenceWriteSupport.class);
        ParquetOutputFormat.setCompression(job, CompressionCodecName.SNAPPY); // Spark's default
        job.getConfiguration().set(ParquetOutputFormat.JOB_SUMMARY_LEVEL, "NONE"); // as Spark: no _metadata files
        rows.saveAsNewAPIHadoopFile(path, Void.class, SentenceWriteSupport.Row.class, ParquetOutputFormat.class, job.getConfiguration());
    }

    /** How many sentences {@code split} puts in held-out ({@code heldout}) or not. */
    static long count(JavaRDD<SentenceBlock> blocks, HeldoutSplit split, boolean heldout) {
        return blocks.map(b -> {
            long n = 0;
            for (int s = 0; s < b.size(); s++) if (split.isHeldout(b.position(s)) == heldout) n++;
            return n;
        }).fold(0L, Long::sum);
    }

    /** The training sentences (not held-out), one per line, tokens separated by single spaces. */
    static void writeText(JavaRDD<SentenceBlock> blocks, HeldoutSplit split, String path) {
        blocks.flatMap(b -> {
            List<String> out = new ArrayList<>(b.size());
            for (int s = 0; s < b.size(); s++) if (!split.isHeldout(b.position(s))) out.add(b.text(s));
            return out.iterator();
        }).saveAsTextFile(path);
    }
}
