package org.sparkrnnlm.jobs.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.sparkrnnlm.core.text.Vocabulary;
import org.sparkrnnlm.jobs.preprocess.PreprocessStats;
import org.sparkrnnlm.jobs.preprocess.Preprocessing;
import org.sparkrnnlm.jobs.workflow.ModelRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Turns comment dumps into a dataset directory: Parquet sentences, vocab.tsv, stats.json. */
@Command(name = "preprocess", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Tokenize comment dumps (CSV with a body column, or Pushshift JSON lines; .gz/.bz2/.zst) into a dataset for train.")
public final class PreprocessCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, arity = "1..*", paramLabel = "PATH", description = "Files, directories or globs (Hadoop paths).")
    List<String> inputs;
    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Dataset directory to create.")
    String output;
    @Option(names = "--format", defaultValue = "auto", description = "auto, csv or json (default: ${DEFAULT-VALUE}: by file name).")
    String format;
    @Option(names = "--vocab-size", defaultValue = "8000", description = "Vocabulary size C (default: ${DEFAULT-VALUE}).")
    int vocabularySize;
    @Option(names = "--vocab", paramLabel = "FILE", description = "Reuse this vocab.tsv, or a model directory's or published registry's, so ids stay the same.")
    String vocab;
    @Option(names = "--heldout-fraction", defaultValue = "0", description = "Fraction of sentences for heldout/ (default: ${DEFAULT-VALUE}).")
    double heldoutFraction;
    @Option(names = "--seed", defaultValue = "10", description = "Seed of the held-out split (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--bad-records", paramLabel = "DIR", description = "Write rejected records here, as JSON lines with their reason.")
    String badRecords;
    @Option(names = "--max-bad-fraction", defaultValue = "0.05", description = "Fail when malformed records exceed this fraction (default: ${DEFAULT-VALUE}).")
    double maxBadFraction;
    @Option(names = "--max-record-bytes", defaultValue = "1000000", description = "Longer records are rejected (default: ${DEFAULT-VALUE}).")
    long maxRecordBytes;
    @Option(names = "--write-text", description = "Also write text/: the tokenized sentences, one per line.")
    boolean writeText;
    @Option(names = "--partitions", paramLabel = "N", description = "Tasks that parse, tokenize, count and write the records of a file read in one piece (a .zst, .gz or compressed CSV, or any file of one split) holding more than 1/N of the input (default: Spark's default parallelism).")
    Integer partitions;
    @Mixin
    SparkOptions spark;
    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() throws Exception {
        Preprocessing.Settings settings = new Preprocessing.Settings(inputs, format, vocabularySize, null, heldoutFraction, seed,
                badRecords, maxBadFraction, maxRecordBytes, writeText, partitions == null ? 0 : partitions);
        return spark.run("preprocess", (session, store) -> {
            Vocabulary fixed = vocab == null ? null : ModelRegistry.vocabulary(store, vocab);
            PreprocessStats stats = new Preprocessing(session, store, System.err).run(settings.withVocabulary(fixed), output);
            System.err.printf("preprocess: %,d comments read, %,d sentences, %,d distinct tokens; dataset in %s%n",
                    stats.get("comments_read"), stats.get("sentences"), stats.get("distinct_tokens"), output);
            return 0;
        });
    }
}
