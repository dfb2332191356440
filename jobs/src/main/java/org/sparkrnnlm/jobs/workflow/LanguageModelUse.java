package org.sparkrnnlm.jobs.workflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.sparkrnnlm.core.lm.SentenceSampler;
import org.sparkrnnlm.core.model.LanguageModelFiles;
import org.sparkrnnlm.core.train.LossTotals;
import org.sparkrnnlm.jobs.corpus.Corpus;
import org.sparkrnnlm.jobs.corpus.CorpusReader;
import org.sparkrnnlm.jobs.distributed.DistributedLoss;
import org.sparkrnnlm.jobs.distributed.ExampleBlocks;
import org.sparkrnnlm.jobs.hadoop.BadInputException;
import org.sparkrnnlm.jobs.hadoop.HadoopFileStore;
import org.sparkrnnlm.jobs.settings.InvalidSettingException;
import org.sparkrnnlm.jobs.spark.SparkSessions;

/** {@code evaluate} and {@code generate}: a trained language model scored on data, or sampled. */
public final class LanguageModelUse {
    private LanguageModelUse() {
    }

    /** Sentences, tokens, loss and perplexity of the model on DATA, as one JSON object. */
    public static String evaluate(SparkSession session, HadoopFileStore store, String model, String data, Integer partitions)
            throws IOException {
        InvalidSettingException.require(partitions == null || partitions >= 1, "--partitions must be at least 1, got " + partitions);
        LanguageModelFiles.Loaded loaded = LanguageModelFiles.load(store, ModelRegistry.resolve(store, model));
        Corpus corpus = new CorpusReader(session).read(data, loaded.vocabulary(), loaded.vocabulary().size());
        return evaluate(session, loaded, corpus.sentences(), partitions, "DATA " + data);
    }

    /**
     * The same for sentences already encoded with the model's vocabulary, such as a DataFrame
     * column's; {@code what} names them in the error for none.
     */
    public static String evaluate(SparkSession session, LanguageModelFiles.Loaded loaded, JavaRDD<int[]> sentences, Integer partitions,
                                  String what) throws IOException {
        int n = partitions != null ? partitions : SparkSessions.defaultPartitions(session);
        LossTotals totals = DistributedLoss.of(new JavaSparkContext(session.sparkContext()), ExampleBlocks.of(sentences, n),
                loaded.model().spec(), loaded.model().parameters(), SparkSessions.taskCpus(session));
        if (totals.examples() == 0) throw new BadInputException(what + " holds no sentences");
        return json(totals);
    }

    /** {@code count} sentences sampled from the model, one per line. */
    public static String generate(HadoopFileStore store, String model, int count, int maxLength, long seed) throws IOException {
        InvalidSettingException.require(count >= 0, "--count must be at least 0, got " + count);
        InvalidSettingException.require(maxLength >= 1, "--max-length must be at least 1, got " + maxLength);
        LanguageModelFiles.Loaded loaded = LanguageModelFiles.load(store, ModelRegistry.resolve(store, model));
        SentenceSampler sampler = new SentenceSampler(loaded.model(), loaded.vocabulary(), seed);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) out.append(String.join(" ", sampler.sample(maxLength))).append('\n');
        return out.toString();
    }

    static String json(LossTotals totals) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sentences", totals.examples());
        out.put("tokens", totals.targets());
        out.put("loss", totals.loss());
        out.put("per_token_loss", totals.perTargetLoss());
        out.put("perplexity", Math.exp(totals.perTargetLoss()));
        return new ObjectMapper().writeValueAsString(out);
    }

}
