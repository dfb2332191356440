package org.sparkrnnlm.jobs.distributed;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the wall time of a backend's rounds goes, summed over rounds: sending the parameters
 * (vector copy and broadcast, or the order over gradient mode's round channel), the tasks (the
 * Spark job, or over the channel the wait from the order to the last partition's result), the
 * compute inside the tasks (summed over tasks, so with P partitions it can reach P times the
 * tasks' share), and the driver's update (adding the results up and applying the rule).
 */
public final class RoundTimes {
    private long rounds;
    private long broadcastNanos;
    private long jobNanos;
    private long computeNanos;
    private long updateNanos;

    void add(long broadcast, long job, long compute, long update) {
        rounds++;
        broadcastNanos += broadcast;
        jobNanos += job;
        computeNanos += compute;
        updateNanos += update;
    }

    public long rounds() {
        return rounds;
    }

    /** Milliseconds per round of each part. */
    public Map<String, Double> perRoundMillis() {
        Map<String, Double> out = new LinkedHashMap<>();
        double n = Math.max(1, rounds) * 1e6;
        out.put("send_parameters", Math.round(broadcastNanos / n * 100) / 100.0);
        out.put("tasks_and_results", Math.round(jobNanos / n * 100) / 100.0);
        out.put("task_compute_summed", Math.round(computeNanos / n * 100) / 100.0);
        out.put("driver_update", Math.round(updateNanos / n * 100) / 100.0);
        return out;
    }
}
