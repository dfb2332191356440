package org.sparkrnnlm.jobs.cli;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * A Spark listener ({@code --conf spark.extraListeners=...}) that counts failed task attempts, so an
 * in-process test can tell that an injected failure really happened and was retried.
 */
public final class FailedTasks extends SparkListener {
    static final AtomicInteger COUNT = new AtomicInteger();

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        if (!end.taskInfo().successful()) COUNT.incrementAndGet();
    }
}
