package org.sparkrnnlm.jobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.sparkrnnlm.jobs.bench.Benchmarks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Prints the performance figures of SPEC section 8 as JSON. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure per-sentence SGD throughput (tokens/s, GFLOP/s) against the machine's SGEMM rate; print JSON.")
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--csv", defaultValue = "../shared/data/brown-comments.csv",
            description = "Comment CSV whose sentences are used (default: ${DEFAULT-VALUE}).")
    String csv;
    @Option(names = "--sentences", defaultValue = "3000", description = "Sentences timed per stream (default: ${DEFAULT-VALUE}).")
    int sentences;
    @Option(names = "--vocab-size", defaultValue = "8000", description = "C (default: ${DEFAULT-VALUE}).")
    int vocabularySize;
    @Option(names = "--hidden", defaultValue = "100", description = "H (default: ${DEFAULT-VALUE}).")
    int hidden;
    @Option(names = "--bptt-truncate", defaultValue = "4", description = "Truncation (default: ${DEFAULT-VALUE}).")
    int truncate;
    @Mixin
    SparkOptions spark;
    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() throws Exception {
        SparkSession session = spark.session("bench");
        try {
            Map<String, Object> figures = new Benchmarks(session, System.err)
                    .core(csv, vocabularySize, hidden, truncate, sentences);
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(figures));
            return 0;
        } finally {
            session.stop();
        }
    }
}
