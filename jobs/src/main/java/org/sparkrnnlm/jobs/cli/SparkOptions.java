package org.sparkrnnlm.jobs.cli;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.sparkrnnlm.core.tensor.Dtype;
import org.sparkrnnlm.jobs.hadoop.HadoopFileStore;
import org.sparkrnnlm.jobs.monitoring.JobLabels;
import org.sparkrnnlm.jobs.settings.InvalidSettingException;
import org.sparkrnnlm.jobs.spark.SparkSessions;
import picocli.CommandLine.Option;

/** Options every Spark command takes. */
public final class SparkOptions {
    @Option(names = "--master", description = "Spark master URL (default: spark-submit's, else local[*]).")
    String master;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "Extra Spark setting; repeatable.")
    List<String> confs = new ArrayList<>();

    /** The --dtype value, or a usage error. */
    static Dtype dtype(String text) {
        try {
            return Dtype.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException("--dtype: " + e.getMessage());
        }
    }

    /** The body of a Spark command: its session and a file store on the session's Hadoop configuration. */
    interface Job {
        int run(SparkSession session, HadoopFileStore store) throws Exception;
    }

    /** Runs a command in its own SparkSession, stopped however the command ends. */
    int run(String command, Job job) throws Exception {
        SparkSession session = SparkSessions.create(command, master, confs);
        JobLabels.command(session.sparkContext(), command);
        try {
            return job.run(session, new HadoopFileStore(session.sparkContext().hadoopConfiguration()));
        } finally {
            session.stop();
        }
    }
}
