package org.sparkrnnlm.jobs.preprocess;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.sparkrnnlm.core.text.Vocabulary;

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

    /** The sentences of the blocks that {@code split} puts in held-out ({@code heldout}) or not, in input order. */
    static void writeIds(SparkSession spark, JavaRDD<SentenceBlock> blocks, HeldoutSplit split, boolean heldout,
                         Vocabulary vocabulary, String path) {
        JavaRDD<Row> rows = blocks.flatMap(b -> {
            int[] ids = b.ids(vocabulary); // each distinct word of the block looked up once
            List<Row> out = new ArrayList<>(b.size());
            for (int s = 0; s < b.size(); s++) {
                long position = b.position(s);
                if (split.isHeldout(position) == heldout) out.add(RowFactory.create(position, b.encode(s, ids)));
            }
            return out.iterator();
        });
        Dataset<Row> frame = twoLevelLists(spark).createDataFrame(rows, SCHEMA);
        frame.write().mode("errorifexists").parquet(path);
    }

    /**
     * A session that writes {@code ids} as Parquet's two-level list ({@code repeated int32 array}), which every
     * Parquet reader accepts: the three-level form opens and closes a group around each of the billions of
     * ids, about a third of the write's CPU. Only lists without nulls take that form, and ids has none.
     */
    private static SparkSession twoLevelLists(SparkSession spark) {
        SparkSession session = spark.newSession();
        session.conf().set("spark.sql.parquet.writeLegacyFormat", "true");
        return session;
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
