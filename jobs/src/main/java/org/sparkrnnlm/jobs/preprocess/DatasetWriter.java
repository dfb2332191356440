package org.sparkrnnlm.jobs.preprocess;

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

    static void writeIds(SparkSession spark, JavaRDD<TokenizedSentence> sentences, Vocabulary vocabulary, String path) {
        JavaRDD<Row> rows = sentences.map(s -> {
            return RowFactory.create(s.position(), vocabulary.encode(s.tokens()));
        });
        Dataset<Row> frame = spark.createDataFrame(rows, SCHEMA);
        frame.write().mode("errorifexists").parquet(path);
    }

    static void writeText(JavaRDD<TokenizedSentence> sentences, String path) {
        sentences.map(TokenizedSentence::text).saveAsTextFile(path);
    }
}
