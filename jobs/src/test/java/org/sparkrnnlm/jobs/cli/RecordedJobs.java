package org.sparkrnnlm.jobs.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.sparkrnnlm.jobs.monitoring.JobLabels;

/**
 * A Spark listener ({@code --conf spark.extraListeners=...}) that keeps the group and description of
 * every job started, as the Spark UI shows them, and its number of stages.
 */
public final class RecordedJobs extends SparkListener {
    /** One job's labels (either may be null) and stages. */
    record Job(String group, String description, int stages) {
    }

    private static final List<Job> JOBS = new ArrayList<>();

    static synchronized List<Job> take() {
        List<Job> out = new ArrayList<>(JOBS);
        JOBS.clear();
        return out;
    }

    @Override
    public void onJobStart(SparkListenerJobStart start) {
        Properties p = start.properties();
        synchronized (RecordedJobs.class) {
            JOBS.add(new Job(p == null ? null : p.getProperty(JobLabels.GROUP), p == null ? null : p.getProperty(JobLabels.DESCRIPTION),
                    start.stageInfos().size()));
        }
    }
}
