package org.sparkrnnlm.jobs.workflow;

import java.io.IOException;
import java.io.PrintStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;
import org.sparkrnnlm.core.model.LanguageModelFiles;
import org.sparkrnnlm.jobs.corpus.CorpusReader;
import org.sparkrnnlm.jobs.distributed.SharedModel;
import org.sparkrnnlm.jobs.hadoop.BadInputException;
import org.sparkrnnlm.jobs.hadoop.HadoopFileStore;
import org.sparkrnnlm.jobs.monitoring.JobLabels;
import org.sparkrnnlm.jobs.preprocess.DumpComments;
import org.sparkrnnlm.jobs.settings.InvalidSettingException;
import org.sparkrnnlm.jobs.spark.SparkSessions;
import scala.Tuple2;

/**
 * {@code score}: a model's log-probability of every sentence of DATA, or of every comment of a
 * dump, written as Parquet ({@link ScoreRows}). The model is broadcast once; the rows are computed
 * where the data is, spread over at least {@code --partitions} tasks.
 */
public final class ScoreWorkflow {
    private final SparkSession spark;
    private final HadoopFileStore store;
    private final PrintStream log;

    public ScoreWorkflow(SparkSession spark, HadoopFileStore store, PrintStream log) {
        this.spark = spark;
        this.store = store;
        this.log = log;
    }

    /** What was written: rows, tokens, summed log-probability, and the perplexity over all tokens. */
    public record Summary(long rows, long tokens, double logProb) {
        public double perplexity() {
            return Math.exp(-logProb / tokens);
        }
    }

    public Summary run(ScoreSettings settings) throws IOException {
        if (store.exists(settings.output())) {
            throw new InvalidSettingException("--output " + settings.output() + " already exists: choose a new directory");
        }
        LanguageModelFiles.Loaded loaded = LanguageModelFiles.load(store, ModelRegistry.resolve(store, settings.model()));
        int partitions = settings.partitions() != null ? settings.partitions() : SparkSessions.defaultPartitions(spark);
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        try (SharedModel<int[]> model = SharedModel.broadcast(sc, loaded.model().spec(), loaded.model().parameters(),
                SparkSessions.taskCpus(spark))) {
            if (settings.dump()) {
                try (DumpComments dump = DumpComments.read(spark, settings.data(), settings.formatOrDefault(),
                        settings.maxRecordBytesOrDefault(), settings.badRecords(), settings.maxBadFractionOrDefault(), "score", log)) {
                    write(ScoreRows.comments(model, spread(dump.comments(), partitions), loaded.vocabulary()), ScoreRows.COMMENTS,
                            settings.output());
                }
            } else {
                String data = settings.data().get(0);
                JobLabels.step(spark.sparkContext(), "read");
                JavaRDD<Tuple2<Long, int[]>> sentences = new CorpusReader(spark).positioned(data, loaded.vocabulary()).rdd().toJavaRDD();
                if (sentences.isEmpty()) throw new BadInputException("DATA " + data + " holds no sentences");
                write(ScoreRows.sentences(model, spread(sentences, partitions), loaded.model().vocabularySize()), ScoreRows.SENTENCES,
                        settings.output());
            }
        }
        JobLabels.step(spark.sparkContext(), "summary");
        Row totals = spark.read().parquet(settings.output())
                .agg(functions.count(functions.lit(1)), functions.sum("tokens"), functions.sum("log_prob")).first();
        Summary summary = new Summary(totals.getLong(0), totals.isNullAt(1) ? 0 : totals.getLong(1),
                totals.isNullAt(2) ? 0 : totals.getDouble(2));
        log.printf("score: %,d %s, %,d tokens, perplexity %.2f; scores in %s%n", summary.rows(), settings.dump() ? "comments" : "sentences",
                summary.tokens(), summary.perplexity(), settings.output());
        return summary;
    }

    /** Scoring is the expensive part: a single compressed file or a small text still uses every task. */
    private static <T> JavaRDD<T> spread(JavaRDD<T> items, int partitions) {
        return items.getNumPartitions() < partitions ? items.repartition(partitions) : items;
    }

    private void write(JavaRDD<Row> rows, StructType schema, String output) {
        JobLabels.step(spark.sparkContext(), "write scores");
        spark.createDataFrame(rows, schema).write().mode("errorifexists").parquet(output);
    }
}
