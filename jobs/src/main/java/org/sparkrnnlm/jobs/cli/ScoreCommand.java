package org.sparkrnnlm.jobs.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.sparkrnnlm.jobs.workflow.ScoreSettings;
import org.sparkrnnlm.jobs.workflow.ScoreWorkflow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Writes the log-probability, tokens and perplexity of every sentence, or every comment of a dump, as Parquet. */
@Command(name = "score", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write the log-probability (nats), predicted tokens (SENTENCE_END included) and perplexity of every sentence "
                + "of DATA, or with --dump of every comment of comment dumps (summed over its sentences, with its id, author, "
                + "subreddit and created_utc), as Parquet with a position column in input order.",
            "DATA: a dataset directory, a Parquet sentence table or a text file with one tokenized sentence per line; "
                + "with --dump: CSV or JSON-lines dumps as preprocess reads them (files, directories, globs; .gz/.bz2/.zst)."})
public final class ScoreCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model directory, or a registry (its LATEST model).")
    String model;
    @Option(names = "--data", required = true, arity = "1..*", paramLabel = "DATA", description = "What to score (several paths with --dump).")
    List<String> data;
    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Parquet directory to create; must not exist.")
    String output;
    @Option(names = "--dump", description = "DATA are comment dumps: one row per comment instead of per sentence.")
    boolean dump;
    @Option(names = "--format", description = "With --dump: auto, csv or json (default: auto, by file name as preprocess).")
    String format;
    @Option(names = "--bad-records", paramLabel = "DIR", description = "With --dump: write rejected records here, as JSON lines with their reason.")
    String badRecords;
    @Option(names = "--max-bad-fraction", paramLabel = "F", description = "With --dump: fail when malformed records exceed this fraction (default: "
            + ScoreSettings.DEFAULT_MAX_BAD_FRACTION + ").")
    Double maxBadFraction;
    @Option(names = "--max-record-bytes", paramLabel = "N", description = "With --dump: longer records are rejected (default: "
            + ScoreSettings.DEFAULT_MAX_RECORD_BYTES + ").")
    Long maxRecordBytes;
    @Option(names = "--partitions", paramLabel = "N", description = "Tasks that score (default: Spark's default parallelism).")
    Integer partitions;
    @Mixin
    SparkOptions spark;
    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() throws Exception {
        ScoreSettings settings = new ScoreSettings(model, data, dump, output, partitions, format, badRecords, maxBadFraction, maxRecordBytes);
        return spark.run("score", (session, store) -> {
            new ScoreWorkflow(session, store, System.err).run(settings);
            return 0;
        });
    }
}
