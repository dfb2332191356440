package org.sparkrnnlm.jobs.ml;

import java.util.Arrays;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Comment bodies to their sentences of tokens, by preprocess's rules (see {@link CommentSentences}):
 * a text column in, an {@code array<array<string>>} column out, one row per comment, so a
 * {@link RnnLanguageModel} scores whole comments and {@link RnnLanguageModelEstimator} trains on
 * every sentence.
 */
public final class CommentTokenizer extends Transformer implements DefaultParamsWritable {
    private static final long serialVersionUID = 1L;
    private final String uid;
    private final Param<String> inputCol;
    private final Param<String> outputCol;

    public CommentTokenizer() {
        this(Identifiable.randomUID("rnnlmCommentTokenizer"));
    }

    public CommentTokenizer(String uid) {
        this.uid = uid;
        inputCol = new Param<>(this, "inputCol", "column of comment bodies (string)");
        outputCol = new Param<>(this, "outputCol", "column of their sentences (array<array<string>>) to add");
        setDefault(inputCol, "body");
        setDefault(outputCol, "sentences");
    }

    public static MLReader<CommentTokenizer> read() {
        return new DefaultParamsReader<>();
    }

    public static CommentTokenizer load(String path) {
        return read().load(path);
    }

    @Override
    public String uid() {
        return uid;
    }

    public Param<String> inputCol() {
        return inputCol;
    }

    public Param<String> outputCol() {
        return outputCol;
    }

    public String getInputCol() {
        return getOrDefault(inputCol);
    }

    public String getOutputCol() {
        return getOrDefault(outputCol);
    }

    public CommentTokenizer setInputCol(String column) {
        set(inputCol, column);
        return this;
    }

    public CommentTokenizer setOutputCol(String column) {
        set(outputCol, column);
        return this;
    }

    @Override
    public StructType transformSchema(StructType schema) {
        String in = getInputCol();
        if (!Arrays.asList(schema.fieldNames()).contains(in)) {
            throw new IllegalArgumentException("input column '" + in + "' does not exist; the columns are "
                    + String.join(", ", schema.fieldNames()));
        }
        if (!schema.apply(in).dataType().equals(DataTypes.StringType)) {
            throw new IllegalArgumentException("input column '" + in + "' must be a string, got " + schema.apply(in).dataType().simpleString());
        }
        if (Arrays.asList(schema.fieldNames()).contains(getOutputCol())) {
            throw new IllegalArgumentException("output column '" + getOutputCol() + "' exists already");
        }
        return schema.add(getOutputCol(), SentenceColumn.SENTENCES, true);
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        return dataset.withColumn(getOutputCol(),
                functions.udf(new CommentSentences(), SentenceColumn.SENTENCES).apply(functions.col(getInputCol())));
    }

    @Override
    public CommentTokenizer copy(ParamMap extra) {
        return (CommentTokenizer) defaultCopy(extra);
    }
}
