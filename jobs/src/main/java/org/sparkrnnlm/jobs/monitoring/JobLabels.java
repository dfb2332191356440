package org.sparkrnnlm.jobs.monitoring;

import org.apache.spark.SparkContext;

/**
 * The job group and description every Spark job of ours carries, so that the Spark UI and the
 * history server say what runs ("preprocess: tokenize and count", "train: epoch 3/10 round 5/13").
 * The group is the command; the description is the command and the step. Both are local properties
 * of the driver thread that triggers the jobs (inherited by threads it starts), and stay until the
 * next call: a step labels every job up to the next step, implicit ones included (a sortByKey's
 * sampling, a zipWithIndex's count, Parquet's listing).
 */
public final class JobLabels {
    /** {@code SparkContext.SPARK_JOB_GROUP_ID}, spelled out: the constant is not in every Spark version's Java API. */
    public static final String GROUP = "spark.jobGroup.id";
    /** {@code SparkContext.SPARK_JOB_DESCRIPTION}. */
    public static final String DESCRIPTION = "spark.job.description";
    private static final String NO_COMMAND = "rnnlm";

    private JobLabels() {
    }

    /** The jobs that follow belong to {@code command} ("train", "bench quality") and are described by it alone. */
    public static void command(SparkContext sc, String command) {
        sc.setJobGroup(command, command, false);
    }

    /** The jobs that follow are described as "COMMAND: step", in the current command's group. */
    public static void step(SparkContext sc, String step) {
        String group = sc.getLocalProperty(GROUP);
        if (group == null) group = NO_COMMAND;
        sc.setJobGroup(group, group + ": " + step, false);
    }
}
