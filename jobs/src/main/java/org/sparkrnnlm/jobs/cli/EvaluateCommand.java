package org.sparkrnnlm.jobs.cli;

import java.util.concurrent.Callable;
import org.sparkrnnlm.jobs.workflow.LanguageModelUse;
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
            System.out.println(LanguageModelUse.evaluate(session, store, model, data, partitions));
            return 0;
        });
    }
}
