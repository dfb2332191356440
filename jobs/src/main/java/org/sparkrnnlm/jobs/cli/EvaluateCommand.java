package org.sparkrnnlm.jobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.sparkrnnlm.core.model.LanguageModelFiles;
import org.sparkrnnlm.core.train.LossTotals;
import org.sparkrnnlm.jobs.corpus.Corpus;
import org.sparkrnnlm.jobs.corpus.CorpusReader;
import org.sparkrnnlm.jobs.distributed.DistributedLoss;
import org.sparkrnnlm.jobs.workflow.ModelRegistry;
import org.sparkrnnlm.jobs.distributed.ExampleBlocks;
import org.sparkrnnlm.jobs.spark.SparkSessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Prints the loss of a model on DATA as one JSON object. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Print sentences, tokens, loss, per_token_loss and perplexity of a model on DATA as JSON.")
public final class EvaluateCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model directory.")
    String model;

    @Option(names = "--data", required = true, paramLabel = "DATA", description = "Dataset directory or text file.")
    String data;

    @Option(names = "--partitions", description = "Partitions (default: Spark's default parallelism).")
    Integer partitions;

    @Mixin
    SparkOptions spark;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() throws Exception {
        return spark.run("evaluate", (session, store) -> {
            LanguageModelFiles.Loaded loaded = LanguageModelFiles.load(store, ModelRegistry.resolve(store, model));
            Corpus corpus = new CorpusReader(session).read(data, loaded.vocabulary(), loaded.vocabulary().size());
            int n = partitions != null ? partitions : SparkSessions.defaultPartitions(session);
            var blocks = ExampleBlocks.of(corpus.sentences(), n);
            LossTotals totals = DistributedLoss.of(new JavaSparkContext(session.sparkContext()), blocks, loaded.model().spec(),
                    loaded.model().parameters(), SparkSessions.taskCpus(session));
            if (totals.sentences() == 0) throw new IllegalArgumentException("DATA " + data + " holds no sentences");
            System.out.println(json(totals));
            return 0;
        });
    }

    static String json(LossTotals totals) throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sentences", totals.sentences());
        out.put("tokens", totals.tokens());
        out.put("loss", totals.loss());
        out.put("per_token_loss", totals.perTokenLoss());
        out.put("perplexity", totals.perplexity());
        return new ObjectMapper().writeValueAsString(out);
    }
}
