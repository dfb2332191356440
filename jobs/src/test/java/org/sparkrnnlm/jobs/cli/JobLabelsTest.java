package org.sparkrnnlm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the Spark UI shows of a short preprocess, train, evaluate and score: every job labelled with its command and step. */
class JobLabelsTest {
    private static final String LISTENER = "spark.extraListeners=" + RecordedJobs.class.getName();
    @TempDir
    static Path dir;
    static List<RecordedJobs.Job> preprocess;
    static List<RecordedJobs.Job> train;
    static List<RecordedJobs.Job> evaluate;
    static List<RecordedJobs.Job> score;

    @BeforeAll
    static void runTheCommands() throws Exception {
        List<String> lines = new ArrayList<>();
        for (String sentence : Corpora.lines(80, 6)) lines.add("{\"id\": \"c" + lines.size() + "\", \"body\": \"" + sentence + "\"}");
        Path dump = Files.write(dir.resolve("dump.json"), lines);
        String dataset = dir.resolve("dataset").toString();
        String run = dir.resolve("run").toString();
        RecordedJobs.take();
        preprocess = jobs("preprocess", "--input", dump.toString(), "--output", dataset, "--heldout-fraction", "0.2", "--vocab-size", "40");
        train = jobs("train", "--data", dataset, "--heldout", dataset + "/heldout", "--output", run, "--hidden", "4", "--epochs", "2",
                "--evaluate-every", "1", "--sentences-per-round", "20", "--partitions", "2");
        evaluate = jobs("evaluate", "--model", run + "/model", "--data", dataset);
        score = jobs("score", "--model", run + "/model", "--data", dump.toString(), "--dump", "--output", dir.resolve("scores").toString());
    }

    private static List<RecordedJobs.Job> jobs(String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of("--master", "local[2]", "--conf", LISTENER));
        CliRun run = CliRun.of(args.toArray(new String[0]));
        assertEquals(0, run.status(), run.err());
        List<RecordedJobs.Job> jobs = RecordedJobs.take();
        assertFalse(jobs.isEmpty(), command[0] + " ran no Spark job");
        return jobs;
    }

    private static Set<String> descriptions(List<RecordedJobs.Job> jobs) {
        Set<String> out = new TreeSet<>();
        for (RecordedJobs.Job j : jobs) out.add(j.description());
        return out;
    }

    private static void assertAllInGroup(String group, List<RecordedJobs.Job> jobs) {
        for (RecordedJobs.Job j : jobs) {
            assertEquals(group, j.group(), "job group of " + j);
            assertTrue(j.description() != null && (j.description().equals(group) || j.description().startsWith(group + ": ")), j.toString());
        }
    }

    @Test
    void preprocessJobsNameTheirStep() {
        assertAllInGroup("preprocess", preprocess);
        assertTrue(descriptions(preprocess).containsAll(Set.of("preprocess: tokenize and count", "preprocess: write dataset",
                "preprocess: write held-out")), descriptions(preprocess).toString());
    }

    @Test
    void trainingRoundsNameTheirEpochAndRound() {
        assertAllInGroup("train", train);
        Pattern round = Pattern.compile("train: epoch (\\d+)/(\\d+) round (\\d+)/(\\d+)");
        Set<String> rounds = new TreeSet<>();
        int perEpoch = -1;
        for (String d : descriptions(train)) {
            Matcher m = round.matcher(d);
            if (!m.matches()) continue;
            assertEquals("2", m.group(2), d);
            perEpoch = Integer.parseInt(m.group(4));
            rounds.add(d);
        }
        assertTrue(perEpoch > 1, "several rounds per epoch: " + descriptions(train));
        Set<String> expected = new TreeSet<>();
        for (int e = 1; e <= 2; e++) for (int r = 1; r <= perEpoch; r++) expected.add("train: epoch " + e + "/2 round " + r + "/" + perEpoch);
        assertEquals(expected, rounds);
        assertTrue(descriptions(train).containsAll(Set.of("train: read data", "train: evaluate")), descriptions(train).toString());
    }

    @Test
    void evaluateJobsCarryTheCommand() {
        assertAllInGroup("evaluate", evaluate);
        assertEquals(Set.of("evaluate"), descriptions(evaluate));
    }

    @Test
    void scoreJobsNameTheirStep() {
        assertAllInGroup("score", score);
        assertTrue(descriptions(score).containsAll(Set.of("score: read and check records", "score: write scores", "score: summary")),
                descriptions(score).toString());
    }
}
