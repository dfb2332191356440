package org.sparkrnnlm.jobs.spark;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Properties;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** Builds the SparkSession of a command: bundled defaults, then spark-submit's settings, then --master and --conf. */
public final class SparkSessions {
    private SparkSessions() {
    }

    public static SparkSession create(String appName, String master, List<String> confs) {
        SparkConf conf = new SparkConf();
        for (var e : bundledDefaults().entrySet()) conf.setIfMissing((String) e.getKey(), (String) e.getValue());
        for (String kv : confs) {
            int eq = kv.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("--conf expects key=value, got '" + kv + "'");
            conf.set(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
        }
        if (master != null) conf.setMaster(master);
        conf.setIfMissing("spark.master", "local[*]");
        conf.setAppName("rnnlm " + appName);
        if (conf.get("spark.master").startsWith("spark://") || conf.get("spark.master").startsWith("local-cluster")) {
            shipOwnJars(conf);
        }
        return SparkSession.builder().config(conf).getOrCreate();
    }

    /** Under the embedded launcher executors on a cluster need our jars: the driver serves them. */
    private static void shipOwnJars(SparkConf conf) {
        String jars = System.getProperty("rnnlm.app.jars");
        if (jars != null && !conf.contains("spark.jars")) conf.set("spark.jars", jars);
    }

    static Properties bundledDefaults() {
        Properties p = new Properties();
        try (InputStream in = SparkSessions.class.getResourceAsStream("/spark-defaults.conf")) {
            if (in != null) p.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled spark-defaults.conf", e);
        }
        return p;
    }

    /** Cores per task, for the BLAS thread count. */
    public static int taskCpus(SparkSession spark) {
        return Integer.parseInt(spark.conf().get("spark.task.cpus", "1"));
    }

    /** The default partition count: the cores Spark has. */
    public static int defaultPartitions(SparkSession spark) {
        return spark.sparkContext().defaultParallelism();
    }
}
