package org.sparkrnnlm.jobs.cli;

import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.sparkrnnlm.jobs.hadoop.HadoopFileStore;
import org.sparkrnnlm.jobs.workflow.LanguageModelUse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Samples sentences from a model; runs in the driver alone. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Sample sentences from a model, one per line, words separated by spaces.")
public final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model directory.")
    String model;

    @Option(names = "--count", defaultValue = "10", description = "Sentences to sample (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--seed", defaultValue = "10", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--max-length", defaultValue = "50", description = "Most words per sentence (default: ${DEFAULT-VALUE}).")
    int maxLength;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() throws Exception {
        System.out.print(LanguageModelUse.generate(new HadoopFileStore(new Configuration()), model, count, maxLength, seed));
        System.out.flush();
        return 0;
    }
}
