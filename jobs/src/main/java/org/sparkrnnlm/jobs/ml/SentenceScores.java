package org.sparkrnnlm.jobs.ml;

import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.sparkrnnlm.core.lm.LanguageModelSpec;
import org.sparkrnnlm.core.tensor.ParameterVector;
import org.sparkrnnlm.core.tensor.Parameters;
import org.sparkrnnlm.core.text.Vocabulary;
import org.sparkrnnlm.core.train.ExampleGradient;
import org.sparkrnnlm.jobs.distributed.EngineThreads;
import org.sparkrnnlm.jobs.distributed.ExecutorModels;

/**
 * Appends to each row the log probability (nats) of its sentences, the tokens predicted (END
 * included, as evaluate counts them) and their perplexity; null perplexity for a row without
 * sentences. The scoring is evaluate's, one row at a time.
 */
final class SentenceScores implements FlatMapFunction<Iterator<Row>, Row> {
    private static final long serialVersionUID = 1L;
    private final SentenceColumn column;
    private final Vocabulary vocabulary;
    private final LanguageModelSpec spec;
    private final Broadcast<ParameterVector> parameters;
    private final int threads;

    SentenceScores(SentenceColumn column, Vocabulary vocabulary, LanguageModelSpec spec, Broadcast<ParameterVector> parameters,
                   int threads) {
        this.column = column;
        this.vocabulary = vocabulary;
        this.spec = spec;
        this.parameters = parameters;
        this.threads = threads;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        EngineThreads.use(threads);
        ExampleGradient<int[]> math = ExecutorModels.math(spec);
        Parameters p = parameters.value().toParameters();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public Row next() {
                Row row = rows.next();
                double logProb = 0;
                long tokens = 0;
                for (List<String> sentence : column.of(row)) {
                    int[] ids = vocabulary.encode(sentence);
                    logProb -= math.loss(ids, p);
                    tokens += spec.targets(ids);
                }
                Object[] values = new Object[row.length() + 3];
                for (int i = 0; i < row.length(); i++) values[i] = row.get(i);
                values[row.length()] = logProb;
                values[row.length() + 1] = tokens;
                values[row.length() + 2] = tokens == 0 ? null : Math.exp(-logProb / tokens);
                return RowFactory.create(values);
            }
        };
    }
}
