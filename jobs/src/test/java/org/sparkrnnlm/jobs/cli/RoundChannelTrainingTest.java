package org.sparkrnnlm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkrnnlm.core.model.LanguageModelFiles;
import org.sparkrnnlm.core.store.LocalFileStore;
import org.sparkrnnlm.core.tensor.Parameters;
import org.sparkrnnlm.jobs.distributed.FaultInjection;

/**
 * Gradient mode's rounds over the driver's round channel (one Spark job per epoch) give the model
 * that rounds as Spark jobs give, bit for bit: plainly, with Adam, with a task that fails and is
 * retried, when the channel gives up on a partition mid-epoch and the epoch ends in jobs, and when
 * the tasks cannot reach the driver at all.
 */
class RoundChannelTrainingTest {
    private static final String OFF = "spark.rnnlm.distributed.roundChannel=false";

    @TempDir
    Path dir;

    private CliRun lastRun;

    private Parameters trained(Path data, String name, String... more) throws Exception {
        String out = dir.resolve(name).toString();
        List<String> args = new ArrayList<>(List.of("train", "--data", data.toString(), "--output", out, "--partitions", "2",
                "--no-shuffle", "--hidden", "12", "--vocab-size", "30", "--epochs", "2", "--evaluate-every", "1", "--lr", "0.05",
                "--mode", "gradient", "--batch-size", "16", "--conf", "spark.extraListeners=" + RecordedJobs.class.getName()));
        args.addAll(List.of(more));
        if (!args.contains("--master")) args.addAll(List.of("--master", "local[2]"));
        CliRun run = CliRun.of(args.toArray(new String[0]));
        assertEquals(0, run.status(), run.err());
        lastRun = run;
        return LanguageModelFiles.load(new LocalFileStore(), out + "/model").model().parameters();
    }

    private static long jobs(String label) {
        return RecordedJobs.take().stream().filter(j -> j.description() != null && j.description().contains(label)).count();
    }

    @Test
    void roundsOverTheChannelEqualRoundsAsSparkJobsBitForBit() throws Exception {
        Path data = Corpora.write(dir, "train.txt", Corpora.lines(120, 11));
        RecordedJobs.take();
        Parameters jobs = trained(data, "jobs", "--conf", OFF);
        assertTrue(jobs(" round ") >= 2 * 8, "every round was a Spark job");
        Parameters channel = trained(data, "channel");
        assertEquals(2, jobs(" in one job"), "one job per epoch carried the rounds");
        assertTrue(jobs.toVector().sameAs(channel.toVector()));
    }

    @Test
    void adamOverTheChannelEqualsAdamInSparkJobsBitForBit() throws Exception {
        Path data = Corpora.write(dir, "train.txt", Corpora.lines(120, 12));
        Parameters jobs = trained(data, "jobs", "--optimizer", "adam", "--conf", OFF);
        assertTrue(jobs.toVector().sameAs(trained(data, "channel", "--optimizer", "adam").toVector()));
    }

    @Test
    void aTaskThatFailsInTheChannelIsRetriedAndTheModelIsUnchanged() throws Exception {
        Path data = Corpora.write(dir, "train.txt", Corpora.lines(120, 13));
        Parameters reference = trained(data, "reference");
        RecordedJobs.take();
        int failedBefore = FailedTasks.COUNT.get();
        Parameters retried = trained(data, "retried", "--master", "local[2,2]", "--conf", FaultInjection.SETTING + "=0:1:1",
                "--conf", "spark.extraListeners=" + RecordedJobs.class.getName() + "," + FailedTasks.class.getName());
        assertEquals(1, FailedTasks.COUNT.get() - failedBefore, "one task attempt failed and was retried");
        List<RecordedJobs.Job> recorded = RecordedJobs.take();
        assertEquals(2, recorded.stream().filter(j -> j.description() != null && j.description().contains(" in one job")).count());
        assertTrue(recorded.stream().noneMatch(j -> j.description() != null && j.description().contains(" round ")),
                "the retry rejoined the channel: no round ran as a job of its own");
        assertTrue(reference.toVector().sameAs(retried.toVector()));
    }

    @Test
    void aPartitionAwayLongerThanTheWaitEndsTheEpochInSparkJobsWithTheSameModel() throws Exception {
        Path data = Corpora.write(dir, "train.txt", Corpora.lines(120, 14));
        Parameters reference = trained(data, "reference");
        RecordedJobs.take();
        Parameters fellBack = trained(data, "fell-back", "--master", "local[2,2]", "--conf", FaultInjection.SETTING + "=0:1:1",
                "--conf", FaultInjection.REFUSE_CHANNEL_RETRIES + "=true", "--conf", "spark.rnnlm.distributed.roundChannel.waitSeconds=0");
        List<RecordedJobs.Job> recorded = RecordedJobs.take();
        assertTrue(recorded.stream().anyMatch(j -> j.description() != null && j.description().contains("epoch 1/2 round 2/")),
                "round 2 of epoch 1 ran as a Spark job after the fallback");
        assertTrue(recorded.stream().noneMatch(j -> j.description() != null && j.description().contains("epoch 1/2 round 1/")),
                "round 1 was done in the channel");
        assertTrue(reference.toVector().sameAs(fellBack.toVector()));
        assertTrue(lastRun.err().contains("epoch 1: the round channel gave up at round 2 (partition 1 had no task for 0 s)"), lastRun.err());
    }

    @Test
    void tasksThatCannotReachTheDriverLeaveTheRoundsToSparkJobsWithTheSameModel() throws Exception {
        Path data = Corpora.write(dir, "train.txt", Corpora.lines(120, 15));
        Parameters reference = trained(data, "reference");
        RecordedJobs.take();
        Parameters unreachable = trained(data, "unreachable", "--master", "local[2,2]", "--conf", FaultInjection.CHANNEL_UNREACHABLE + "=true");
        assertTrue(lastRun.err().contains("the round channel gave up at round 1 (a task could not reach the driver: "), lastRun.err());
        assertTrue(RecordedJobs.take().stream().anyMatch(j -> j.description() != null && j.description().contains("epoch 2/2 round 1/")),
                "the rounds ran as Spark jobs");
        assertTrue(reference.toVector().sameAs(unreachable.toVector()));
    }
}
