package org.sparkrnnlm.jobs.cli;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.sparkrnnlm.jobs.spark.SparkSessions;
import picocli.CommandLine.Option;

/** Options every Spark command takes. */
public final class SparkOptions {
    @Option(names = "--master", description = "Spark master URL (default: spark-submit's, else local[*]).")
    String master;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "Extra Spark setting; repeatable.")
    List<String> confs = new ArrayList<>();

    SparkSession session(String command) {
        return SparkSessions.create(command, master, confs);
    }
}
