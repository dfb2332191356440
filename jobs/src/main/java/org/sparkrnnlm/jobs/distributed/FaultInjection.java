package org.sparkrnnlm.jobs.distributed;

import java.io.Serializable;
import org.apache.spark.SparkConf;
import org.apache.spark.TaskContext;

/**
 * Test-only: {@code spark.rnnlm.test.failTaskOnce=EPOCH:ROUND:PARTITION} makes that training task
 * throw on its first attempt, so tests can prove that a retried task changes nothing. Unset in
 * production, where it costs one comparison per task.
 */
public final class FaultInjection implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final String SETTING = "spark.rnnlm.test.failTaskOnce";
    /** Test-only: true leaves a retried task's connection to gradient mode's round channel unanswered. */
    public static final String REFUSE_CHANNEL_RETRIES = "spark.rnnlm.test.refuseChannelRetries";
    /** Test-only: true sends the tasks to a port where nothing listens instead of the round channel's. */
    public static final String CHANNEL_UNREACHABLE = "spark.rnnlm.test.channelUnreachable";
    private final int epoch;
    private final int round;
    private final int partition;
    private final boolean refuseChannelRetries;
    private final boolean channelUnreachable;

    private FaultInjection(int epoch, int round, int partition, boolean refuseChannelRetries, boolean channelUnreachable) {
        this.epoch = epoch;
        this.round = round;
        this.partition = partition;
        this.refuseChannelRetries = refuseChannelRetries;
        this.channelUnreachable = channelUnreachable;
    }

    public static FaultInjection from(SparkConf conf) {
        String spec = conf.get(SETTING, "");
        boolean refuse = conf.getBoolean(REFUSE_CHANNEL_RETRIES, false);
        boolean unreachable = conf.getBoolean(CHANNEL_UNREACHABLE, false);
        if (spec.isEmpty()) return new FaultInjection(-1, -1, -1, refuse, unreachable);
        String[] parts = spec.split(":");
        if (parts.length != 3) throw new IllegalArgumentException(SETTING + " expects EPOCH:ROUND:PARTITION, got " + spec);
        return new FaultInjection(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]), refuse,
                unreachable);
    }

    boolean refusesChannelRetries() {
        return refuseChannelRetries;
    }

    /** The endpoint the tasks are given: the channel's, or with {@link #CHANNEL_UNREACHABLE} one that refuses them. */
    RoundChannel.Endpoint channelEndpoint(RoundChannel.Endpoint real) {
        return channelUnreachable ? new RoundChannel.Endpoint(real.host(), 1, real.secret()) : real;
    }

    /** Throws in the chosen task's first attempt. */
    public void maybeFail(int epoch, int round, int partition) {
        if (this.epoch == epoch && this.round == round && this.partition == partition) {
            TaskContext task = TaskContext.get();
            if (task != null && task.attemptNumber() == 0) {
                throw new IllegalStateException("injected failure (" + SETTING + ") in epoch " + epoch + ", round " + round
                        + ", partition " + partition);
            }
        }
    }
}
