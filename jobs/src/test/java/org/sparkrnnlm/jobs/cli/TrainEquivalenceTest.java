package org.sparkrnnlm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkrnnlm.core.lm.RnnLanguageModel;
import org.sparkrnnlm.core.model.LanguageModelFiles;
import org.sparkrnnlm.core.store.LocalFileStore;
import org.sparkrnnlm.core.tensor.Dtype;
import org.sparkrnnlm.core.tensor.Parameters;
import org.sparkrnnlm.core.text.Vocabulary;
import org.sparkrnnlm.core.train.SequentialBackend;
import org.sparkrnnlm.core.train.TrainingListener;
import org.sparkrnnlm.core.train.TrainingLoop;

class TrainEquivalenceTest {
    @TempDir
    Path dir;

    /** The core's sequential SGD over the same lines, (docs/model.md). */
    private static Parameters sequential(List<String> lines, int vocab, int hidden, int epochs, int every, Dtype dtype) {
        return sequential(lines, vocab, hidden, epochs, every, dtype, null);
    }

    /** The same, or single-machine minibatch SGD when batchSize is given. */
    private static Parameters sequential(List<String> lines, int vocab, int hidden, int epochs, int every, Dtype dtype,
                                         Integer batchSize) {
        Corpora.Encoded encoded = Corpora.encode(lines, vocab);
        Vocabulary vocabulary = encoded.vocabulary();
        List<int[]> ids = encoded.ids();
        RnnLanguageModel model = RnnLanguageModel.initialize(vocabulary.size(), hidden, 4, dtype, 10);
        return new TrainingLoop(epochs, every, 0.05)
                .run(new SequentialBackend<>(model.spec(), ids, null, null, batchSize), model.parameters(), 0, new TrainingListener() { });
    }

    /** Single-machine minibatch SGD over the blocks {@code --partitions n} lays out: block p holds lines i with i n / N = p. */
    private static Parameters minibatchOverBlocks(List<String> lines, int partitions, int batchSize) {
        Corpora.Encoded encoded = Corpora.encode(lines, 30);
        Vocabulary vocabulary = encoded.vocabulary();
        List<int[]> ids = encoded.ids();
        List<List<int[]>> blocks = new ArrayList<>();
        for (int p = 0; p < partitions; p++) blocks.add(new ArrayList<>());
        for (int i = 0; i < ids.size(); i++) blocks.get((int) ((long) i * partitions / ids.size())).add(ids.get(i));
        RnnLanguageModel model = RnnLanguageModel.initialize(vocabulary.size(), 12, 4, Dtype.FLOAT, 10);
        return new TrainingLoop(3, 1, 0.05).run(SequentialBackend.overBlocks(model.spec(), blocks, batchSize,
                org.sparkrnnlm.core.optim.OptimizerSettings.SGD), model.parameters(), 0, new TrainingListener() { });
    }

    private Parameters trainWithSpark(Path data, String out, int partitions, String dtype, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("train", "--data", data.toString(), "--output", out, "--partitions",
                String.valueOf(partitions), "--no-shuffle", "--hidden", "12", "--vocab-size", "30", "--epochs", "3",
                "--evaluate-every", "1", "--lr", "0.05", "--sentences-per-round", "37", "--dtype", dtype, "--master", "local[2]"));
        args.addAll(List.of(more));
        CliRun run = CliRun.of(args.toArray(new String[0]));
        assertEquals(0, run.status(), run.err());
        return LanguageModelFiles.load(new LocalFileStore(), out + "/model").model().parameters();
    }

    @Test
    void onePartitionWithoutShuffleEqualsSequentialSgdBitForBit() throws Exception {
        List<String> lines = Corpora.lines(150, 3);
        Path data = Corpora.write(dir, "train.txt", lines);
        Parameters spark = trainWithSpark(data, dir.resolve("float").toString(), 1, "float");
        Parameters core = sequential(lines, 30, 12, 3, 1, Dtype.FLOAT);
        assertTrue(core.toVector().sameAs(spark.toVector()), "float32 parameters differ");
    }

    @Test
    void onePartitionEqualsSequentialSgdInDoublePrecisionToo() throws Exception {
        List<String> lines = Corpora.lines(90, 4);
        Path data = Corpora.write(dir, "train.txt", lines);
        Parameters spark = trainWithSpark(data, dir.resolve("double").toString(), 1, "double");
        Parameters core = sequential(lines, 30, 12, 3, 1, Dtype.DOUBLE);
        assertTrue(core.toVector().sameAs(spark.toVector()), "float64 parameters differ");
    }

    @Test
    void twoPartitionsAverageIntoAModelThatStillLearns() throws Exception {
        List<String> lines = Corpora.lines(150, 3);
        Path data = Corpora.write(dir, "train.txt", lines);
        String out = dir.resolve("two").toString();
        Parameters averaged = trainWithSpark(data, out, 2, "float");
        assertTrue(averaged.allFinite());
        assertFalse(sequential(lines, 30, 12, 3, 1, Dtype.FLOAT).toVector().sameAs(averaged.toVector()));
        List<String> metrics = Files.readAllLines(Path.of(out, "metrics.jsonl"));
        assertEquals(4, metrics.size(), "evaluations at epochs 0, 1, 2 and after the last");
        double first = Double.parseDouble(metrics.get(0).replaceAll(".*\"loss\":([^,}]+).*", "$1"));
        double last = Double.parseDouble(metrics.get(3).replaceAll(".*\"loss\":([^,}]+).*", "$1"));
        assertTrue(last < first, "loss " + first + " -> " + last);
        assertTrue(Files.size(Path.of(out, "loss.png")) > 1000);
        assertTrue(Files.isDirectory(Path.of(out, "checkpoints", "epoch-0003")));
    }

    @Test
    void manyPartitionsSummedInATreeGiveTheModelTheDriverMergingDirectlyGives() throws Exception {
        List<String> lines = Corpora.lines(160, 8);
        Path data = Corpora.write(dir, "train.txt", lines);
        String listener = "spark.extraListeners=" + RecordedJobs.class.getName();
        RecordedJobs.take();
        Parameters tree = trainWithSpark(data, dir.resolve("tree").toString(), 40, "float", "--conf", listener);
        List<Integer> treeStages = roundStages();
        Parameters direct = trainWithSpark(data, dir.resolve("direct").toString(), 40, "float", "--conf", listener, "--conf",
                "spark.rnnlm.distributed.directMergeMaxPartitions=40");
        List<Integer> directStages = roundStages();
        assertEquals(1, treeStages.size(), treeStages.toString());
        assertEquals(List.of(treeStages.get(0) - 1), directStages,
                "past 32 partitions a round sums in a tree, a stage more than merging the results on the driver");
        assertTrue(tree.allFinite());
        assertTrue(tree.toVector().sameAs(direct.toVector()), "sums of floats in double do not depend on their grouping");
    }

    /** The distinct stage counts of the training rounds' jobs recorded since the last call. */
    private static List<Integer> roundStages() {
        return RecordedJobs.take().stream().filter(j -> j.description() != null && j.description().contains(" round "))
                .map(RecordedJobs.Job::stages).distinct().toList();
    }

    @Test
    void gradientModeEqualsSingleMachineMinibatchSgdToFloatTolerance() throws Exception {
        List<String> lines = Corpora.lines(150, 5);
        Path data = Corpora.write(dir, "train.txt", lines);
        Parameters spark = trainWithSpark(data, dir.resolve("gradient3").toString(), 3, "float", "--mode", "gradient", "--batch-size", "16");
        Parameters core = minibatchOverBlocks(lines, 3, 16);
        for (String name : core.names()) {
            double scale = core.get(name).amaxNumber().doubleValue();
            double diff = core.get(name).sub(spark.get(name)).amaxNumber().doubleValue();
            assertTrue(diff <= 1e-5 * scale, name + " differs by " + diff);
        }
        assertFalse(core.toVector().sameAs(minibatchOverBlocks(lines, 3, 12).toVector()), "batch size matters");
        assertFalse(core.toVector().sameAs(minibatchOverBlocks(lines, 1, 16).toVector()), "the blocks form the batches");
    }

    @Test
    void gradientModeOnOnePartitionEqualsMinibatchSgdBitForBit() throws Exception {
        List<String> lines = Corpora.lines(100, 6);
        Path data = Corpora.write(dir, "train.txt", lines);
        Parameters spark = trainWithSpark(data, dir.resolve("gradient1").toString(), 1, "float", "--mode", "gradient", "--batch-size", "16");
        assertTrue(sequential(lines, 30, 12, 3, 1, Dtype.FLOAT, 16).toVector().sameAs(spark.toVector()));
    }
}
