package org.sparkrnnlm.jobs.spark;

import com.esotericsoftware.kryo.Kryo;
import org.apache.spark.serializer.KryoRegistrator;
import org.sparkrnnlm.core.tensor.ParameterVector;
import org.sparkrnnlm.core.text.VocabularyRanking.WordCount;
import org.sparkrnnlm.core.train.LossTotals;
import org.sparkrnnlm.jobs.distributed.ParameterSum;
import org.sparkrnnlm.jobs.hadoop.BadRecords;
import org.sparkrnnlm.jobs.preprocess.PreprocessItem;
import org.sparkrnnlm.jobs.preprocess.RawComment;
import org.sparkrnnlm.jobs.preprocess.RejectReason;
import org.sparkrnnlm.jobs.preprocess.SentenceBlock;

/** Every class our jobs put on the wire, for spark.kryo.registrationRequired=true. */
public final class RnnlmKryoRegistrator implements KryoRegistrator {
    private static final String[] SQL_CLASSES = {
        "org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema",
        "org.apache.spark.sql.catalyst.expressions.GenericRow",
        "org.apache.spark.sql.types.StructType",
        "org.apache.spark.sql.types.StructField",
        "[Lorg.apache.spark.sql.types.StructField;",
        "org.apache.spark.sql.types.ArrayType",
        "org.apache.spark.sql.types.IntegerType$",
        "org.apache.spark.sql.types.LongType$",
        "org.apache.spark.sql.types.Metadata",
    };

    @Override
    public void registerClasses(Kryo kryo) {
        for (Class<?> c : new Class<?>[] {
                ParameterVector.class, LossTotals.class, ParameterSum.class,
                int[].class, int[][].class, long[].class, long[][].class, char[].class, float[].class, double[].class,
                org.sparkrnnlm.core.regression.RegressionTotals.class,
                RawComment.class, RawComment[].class, RejectReason.class,
                SentenceBlock.class, WordCount.class, PreprocessItem.class, BadRecords.class, WordCount[].class,
                org.sparkrnnlm.jobs.preprocess.CountSummary.class,
                java.util.ArrayList.class, byte[].class,
                org.sparkrnnlm.jobs.preprocess.RecordChunk.class,
                String[].class, Object[].class}) {
            kryo.register(c);
        }
        for (Class<?> c : org.sparkrnnlm.jobs.regression.SequenceSource.KRYO_CLASSES) kryo.register(c);
        // Rows of the dataset's Parquet tables travel with their schema.
        for (String name : SQL_CLASSES) {
            try {
                kryo.register(Class.forName(name, false, RnnlmKryoRegistrator.class.getClassLoader()));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("Spark SQL class " + name + " is missing", e);
            }
        }
    }
}
