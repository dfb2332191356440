package org.sparkrnnlm.jobs.ml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.sparkrnnlm.core.model.LanguageModelFiles;
import org.sparkrnnlm.core.tensor.ParameterVector;
import org.sparkrnnlm.core.text.Vocabulary;
import org.sparkrnnlm.jobs.hadoop.HadoopFileStore;
import org.sparkrnnlm.jobs.spark.SparkSessions;
import org.sparkrnnlm.jobs.workflow.LanguageModelUse;

/**
 * A trained language model as a Spark ML transformer: each row gains the log probability (nats)
 * of its sentences, the tokens predicted (END included) and their perplexity. Saved as Spark ML
 * metadata plus the model directory train writes, in {@code PATH/model}.
 */
public final class RnnLanguageModel extends Model<RnnLanguageModel> implements MLWritable {
    private static final long serialVersionUID = 1L;
    static final String LOG_PROB = "log_prob";
    static final String TOKENS = "tokens";
    static final String PERPLEXITY = "perplexity";

    private final String uid;
    private final transient LanguageModelFiles.Loaded trained;
    private final Param<String> inputCol;
    private final Param<String> logProbCol;
    private final Param<String> tokensCol;
    private final Param<String> perplexityCol;
    private final IntParam partitions;

    public RnnLanguageModel(String uid, LanguageModelFiles.Loaded trained) {
        this.uid = uid;
        this.trained = trained;
        inputCol = new Param<>(this, "inputCol", "column of tokens: array<string> (one sentence per row) or array<array<string>>"
                + " (a row's sentences, as CommentTokenizer writes them)");
        logProbCol = new Param<>(this, "logProbCol", "column to add: log probability of the row's sentences, in nats");
        tokensCol = new Param<>(this, "tokensCol", "column to add: tokens predicted in the row, SENTENCE_END included");
        perplexityCol = new Param<>(this, "perplexityCol", "column to add: perplexity of the row, exp(-log_prob / tokens)");
        partitions = new IntParam(this, "partitions", "partitions evaluate() scores in (evaluate's --partitions);"
                + " unset: Spark's default parallelism", ParamValidators.gtEq(1));
        setDefault(inputCol, "sentences");
        setDefault(logProbCol, LOG_PROB);
        setDefault(tokensCol, TOKENS);
        setDefault(perplexityCol, PERPLEXITY);
    }

    /** A model directory written by train (or numpy) as a stage, read through Hadoop. */
    public static RnnLanguageModel fromModelDirectory(SparkSession session, String dir) {
        try {
            return new RnnLanguageModel(org.apache.spark.ml.util.Identifiable.randomUID("rnnlm"),
                    LanguageModelFiles.load(new HadoopFileStore(session.sparkContext().hadoopConfiguration()), dir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static MLReader<RnnLanguageModel> read() {
        return new RnnLanguageModelReader();
    }

    public static RnnLanguageModel load(String path) {
        return read().load(path);
    }

    @Override
    public MLWriter write() {
        return new RnnLanguageModelWriter(this);
    }

    @Override
    public String uid() {
        return uid;
    }

    /** The core model with its vocabulary and training record, as its model directory holds them. */
    public LanguageModelFiles.Loaded trained() {
        return trained;
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType schema = transformSchema(dataset.schema());
        SparkSession session = dataset.sparkSession();
        JavaSparkContext sc = new JavaSparkContext(session.sparkContext());
        Broadcast<ParameterVector> parameters = sc.broadcast(trained.model().parameters().toVector());
        SentenceColumn column = SentenceColumn.of(dataset.schema(), getInputCol());
        JavaRDD<Row> rows = dataset.toDF().javaRDD().mapPartitions(new SentenceScores(column, trained.vocabulary(),
                trained.model().spec(), parameters, SparkSessions.taskCpus(session)));
        return session.createDataFrame(rows, schema);
    }

    /**
     * Sentences, tokens, loss, per-token loss and perplexity of the model on the column, as the
     * evaluate command prints them (the same JSON from the same code).
     */
    public String evaluate(Dataset<?> dataset) {
        Vocabulary vocabulary = trained.vocabulary();
        JavaRDD<int[]> sentences = SentenceColumn.of(dataset.schema(), getInputCol()).sentences(dataset).map(vocabulary::encode);
        try {
            return LanguageModelUse.evaluate(dataset.sparkSession(), trained, sentences, isSet(partitions) ? getPartitions() : null,
                    "input column " + getInputCol());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public StructType transformSchema(StructType schema) {
        SentenceColumn.of(schema, getInputCol());
        return outputSchema(schema, getLogProbCol(), getTokensCol(), getPerplexityCol());
    }

    static StructType outputSchema(StructType schema, String logProb, String tokens, String perplexity) {
        for (String column : new String[] {logProb, tokens, perplexity}) {
            if (Arrays.asList(schema.fieldNames()).contains(column)) {
                throw new IllegalArgumentException("output column '" + column + "' exists already");
            }
        }
        return schema.add(logProb, DataTypes.DoubleType, false).add(tokens, DataTypes.LongType, false)
                .add(perplexity, DataTypes.DoubleType, true);
    }

    @Override
    public RnnLanguageModel copy(ParamMap extra) {
        return copyValues(new RnnLanguageModel(uid, trained), extra).setParent(parent());
    }

    public Param<String> inputCol() { return inputCol; }
    public Param<String> logProbCol() { return logProbCol; }
    public Param<String> tokensCol() { return tokensCol; }
    public Param<String> perplexityCol() { return perplexityCol; }
    public IntParam partitions() { return partitions; }

    public String getInputCol() { return getOrDefault(inputCol); }
    public String getLogProbCol() { return getOrDefault(logProbCol); }
    public String getTokensCol() { return getOrDefault(tokensCol); }
    public String getPerplexityCol() { return getOrDefault(perplexityCol); }
    public int getPartitions() { return (Integer) getOrDefault(partitions); }

    public RnnLanguageModel setInputCol(String v) { set(inputCol, v); return this; }
    public RnnLanguageModel setLogProbCol(String v) { set(logProbCol, v); return this; }
    public RnnLanguageModel setTokensCol(String v) { set(tokensCol, v); return this; }
    public RnnLanguageModel setPerplexityCol(String v) { set(perplexityCol, v); return this; }
    public RnnLanguageModel setPartitions(int v) { set(partitions, v); return this; }
}
