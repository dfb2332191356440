package org.sparkrnnlm.jobs.preprocess;

import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * Writes a dataset row ({@code position}, {@code ids}) with parquet-mr straight from the encoded ints, in
 * the file layout Spark writes for {@link DatasetWriter#SCHEMA} (ids as the two-level list that every Parquet
 * reader accepts), with Spark's schema in the footer so Spark reads back exactly that schema. Spark's own
 * writer would first turn every row into its internal form and copy the ids twice.
 */
public final class SentenceWriteSupport extends WriteSupport<SentenceWriteSupport.Row> {
    /** One sentence of the table. */
    public record Row(long position, int[] ids) {
    }

    static final MessageType PARQUET_SCHEMA = MessageTypeParser.parseMessageType(
            "message spark_schema { required int64 position; required group ids (LIST) { repeated int32 array; } }");
    /** The footer key under which Spark keeps a table's own schema. */
    private static final String SPARK_SCHEMA_KEY = "org.apache.spark.sql.parquet.row.metadata";
    private RecordConsumer out;

    @Override
    public WriteContext init(Configuration configuration) {
        return new WriteContext(PARQUET_SCHEMA, Map.of(SPARK_SCHEMA_KEY, DatasetWriter.SCHEMA.json()));
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        out = recordConsumer;
    }

    @Override
    public void write(Row row) {
        out.startMessage();
        out.startField("position", 0);
        out.addLong(row.position());
        out.endField("position", 0);
        out.startField("ids", 1);
        out.startGroup();
        int[] ids = row.ids();
        if (ids.length > 0) {
            out.startField("array", 0);
            for (int id : ids) out.addInteger(id);
            out.endField("array", 0);
        }
        out.endGroup();
        out.endField("ids", 1);
        out.endMessage();
    }
}
