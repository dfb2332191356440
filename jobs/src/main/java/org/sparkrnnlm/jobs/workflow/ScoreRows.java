package org.sparkrnnlm.jobs.workflow;

import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.sparkrnnlm.core.text.CommentTokenizer;
import org.sparkrnnlm.core.text.Vocabulary;
import org.sparkrnnlm.jobs.distributed.SharedModel;
import org.sparkrnnlm.jobs.hadoop.BadInputException;
import org.sparkrnnlm.jobs.preprocess.RawComment;
import scala.Tuple2;

/**
 * The rows {@code score} writes: per sentence, or per comment (the sum over its sentences), the
 * log-probability in nats, the predicted tokens (SENTENCE_END included, as evaluate counts them)
 * and the perplexity {@code exp(-log_prob / tokens)}; a comment also with the dump's metadata.
 */
final class ScoreRows {
    static final StructType SENTENCES = new StructType()
            .add("position", DataTypes.LongType, false)
            .add("log_prob", DataTypes.DoubleType, false)
            .add("tokens", DataTypes.IntegerType, false)
            .add("perplexity", DataTypes.DoubleType, true);
    static final StructType COMMENTS = SENTENCES
            .add("id", DataTypes.StringType, true)
            .add("author", DataTypes.StringType, true)
            .add("subreddit", DataTypes.StringType, true)
            .add("created_utc", DataTypes.LongType, true);

    private ScoreRows() {
    }

    /**
     * One row per sentence. A word id outside the model's vocabulary (a sentence table encoded with
     * another vocabulary) is bad input, found in the task that meets it.
     */
    static JavaRDD<Row> sentences(SharedModel<int[]> model, JavaRDD<Tuple2<Long, int[]>> sentences, int vocabularySize) {
        return model.mapPartitions(sentences, (it, local) -> lazily(it, s -> {
            for (int id : s._2()) {
                if (id < 0 || id >= vocabularySize) {
                    throw new BadInputException("the sentence at position " + s._1() + " holds word id " + id
                            + ", outside the model's vocabulary of " + vocabularySize + " words: DATA was encoded with another vocabulary");
                }
            }
            double logProb = -local.loss(s._2());
            int tokens = local.targets(s._2());
            return RowFactory.create(s._1(), logProb, tokens, perplexity(logProb, tokens));
        }));
    }

    /**
     * One row per comment: its body split and tokenized as preprocess does (sentences of fewer than 2
     * words dropped), each sentence encoded with the model's vocabulary. A comment left without a
     * sentence has 0 tokens, log_prob 0 and no perplexity.
     */
    static JavaRDD<Row> comments(SharedModel<int[]> model, JavaRDD<Tuple2<Long, RawComment>> comments, Vocabulary vocabulary) {
        return model.mapPartitions(comments, (it, local) -> {
            CommentTokenizer tokenizer = new CommentTokenizer();
            return lazily(it, c -> {
                double logProb = 0;
                int tokens = 0;
                for (List<String> sentence : tokenizer.sentences(c._2().body())) {
                    if (!CommentTokenizer.longEnough(sentence)) continue;
                    int[] ids = vocabulary.encode(sentence);
                    logProb -= local.loss(ids);
                    tokens += local.targets(ids);
                }
                RawComment r = c._2();
                return RowFactory.create(c._1(), logProb, tokens, perplexity(logProb, tokens), r.id(), r.author(), r.subreddit(),
                        r.createdUtc());
            });
        });
    }

    static Double perplexity(double logProb, long tokens) {
        return tokens == 0 ? null : Math.exp(-logProb / tokens);
    }

    /** Rows made one at a time as the writer asks for them, so a partition is never held in memory. */
    private static <T> Iterator<Row> lazily(Iterator<T> items, Function<T, Row> row) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return items.hasNext();
            }

            @Override
            public Row next() {
                return row.apply(items.next());
            }
        };
    }
}
