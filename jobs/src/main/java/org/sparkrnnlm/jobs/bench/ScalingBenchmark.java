package org.sparkrnnlm.jobs.bench;

import static org.sparkrnnlm.jobs.settings.InvalidSettingException.require;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.sparkrnnlm.core.lm.RnnLanguageModel;
import org.sparkrnnlm.core.optim.Optimizer;
import org.sparkrnnlm.core.optim.OptimizerSettings;
import org.sparkrnnlm.core.store.AtomicReplace;
import org.sparkrnnlm.core.store.FileStore;
import org.sparkrnnlm.jobs.hadoop.HadoopFileStore;
import org.sparkrnnlm.jobs.report.LossPlot;
import org.sparkrnnlm.jobs.report.MetricsLog;
import org.sparkrnnlm.jobs.report.MetricsRecord;
import org.sparkrnnlm.jobs.workflow.DistributedSettings;
import org.sparkrnnlm.jobs.workflow.Schedule;
import org.sparkrnnlm.jobs.workflow.SoftmaxSettings;
import org.sparkrnnlm.jobs.workflow.TrainSettings;
import org.sparkrnnlm.jobs.workflow.TrainWorkflow;

/**
 * Quality per example as partitions are added: {@code train --mode average} on a train/held-out
 * split with each partition count, plain averaging against block momentum, for each update rule
 * at its default learning rate. Reports the held-out perplexity per token after the last epoch and
 * the wall time of each run, as JSON and as a plot of perplexity against partitions.
 */
final class ScalingBenchmark {
    /** Methods: plain averaging, or block momentum with {@link Plan#blockMomentum} and {@link Plan#blockLearningRate}. */
    static final String PLAIN = "average";
    static final String BLOCK = "block";

    /**
     * What to run.
     *
     * @param sentences at most this many training and held-out sentences (the files' first lines); null: all
     * @param examplesPerRound null: train's default, unless examplesPerPartition is given
     */
    record Plan(List<Integer> partitions, List<String> optimizers, List<String> methods, int epochs, Integer sentences, int hidden,
                Integer examplesPerRound, Integer examplesPerPartition, String blockMomentum, double blockLearningRate,
                boolean resetOptimizerState, String softmax) {
        Plan {
            require(softmax.equals("full") || softmax.equals("class"), "--scaling-softmax must be full or class, got " + softmax);
            for (String m : methods) require(m.equals(PLAIN) || m.equals(BLOCK), "--scaling-methods are average and block, got " + m);
            for (int p : partitions) require(p >= 1, "--scaling-partitions must be at least 1, got " + p);
            require(epochs >= 1, "--scaling-epochs must be at least 1, got " + epochs);
            require(sentences == null || sentences >= 1, "--scaling-sentences must be at least 1, got " + sentences);
            require(examplesPerRound == null || examplesPerPartition == null,
                    "--scaling-sentences-per-round and --scaling-sentences-per-partition exclude each other");
        }
    }

    private final SparkSession spark;
    private final HadoopFileStore store;
    private final PrintStream log;

    ScalingBenchmark(SparkSession spark, PrintStream log) {
        this.spark = spark;
        this.store = new HadoopFileStore(spark.sparkContext().hadoopConfiguration());
        this.log = log;
    }

    /** Every optimizer, method and partition count of the plan on {@code split} (train.txt, heldout.txt, vocab.tsv). */
    Map<String, Object> run(String split, Plan plan, Path work) throws IOException {
        String train = limited(split, "train.txt", plan.sentences(), work);
        String heldout = limited(split, "heldout.txt", plan.sentences(), work);
        LossPlot plot = new LossPlot("held-out perplexity after " + plan.epochs() + " epoch(s)", "partitions", "held-out perplexity");
        List<Map<String, Object>> runs = new ArrayList<>();
        for (String name : plan.optimizers()) {
            Optimizer optimizer = Optimizer.parse(name);
            Map<Integer, Map<String, Object>> plainRuns = new LinkedHashMap<>();
            for (String method : plan.methods()) {
                List<LossPlot.Point> points = new ArrayList<>();
                for (int partitions : plan.partitions()) {
                    String key = optimizer.lowerCase() + "_" + method + "_" + partitions;
                    Map<String, Object> figures = sameAsPlain(plan, optimizer, method, partitions, plainRuns.get(partitions));
                    if (figures == null) {
                        log.println("bench: scaling, " + key);
                        figures = train(train, heldout, FileStore.join(split, "vocab.tsv"), plan, optimizer, method,
                                partitions, work.resolve(key + "-" + System.nanoTime()).toString());
                    } else {
                        log.println("bench: scaling, " + key + ": block momentum 0 and block rate 1 are plain averaging, bit for bit");
                    }
                    if (method.equals(PLAIN)) plainRuns.put(partitions, figures);
                    runs.add(figures);
                    points.add(new LossPlot.Point(partitions, (Double) figures.get("heldout_perplexity")));
                }
                plot.series(optimizer.lowerCase() + " " + method, points);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("epochs", plan.epochs());
        out.put("sentences_limit", plan.sentences());
        out.put("runs", runs);
        String png = work.resolve("scaling.png").toString();
        AtomicReplace.file(store, png, (OutputStream o) -> plot.write(o));
        out.put("plot", png);
        return out;
    }

    /**
     * A block run whose filter is the identity ({@code auto} on one partition, and on two for the
     * adaptive rules) trains the plain run's model bit for bit; its figures are the plain run's,
     * marked {@code same_run_as}, instead of a second identical run. Null when it must run.
     */
    private static Map<String, Object> sameAsPlain(Plan plan, Optimizer optimizer, String method, int partitions,
                                                   Map<String, Object> plain) {
        if (!method.equals(BLOCK) || plain == null) return null;
        if (!settings(plan, BLOCK, partitions, "unused", optimizer).blockFilter(partitions, optimizer).off()) return null;
        Map<String, Object> out = new LinkedHashMap<>(plain);
        out.put("method", BLOCK);
        out.put("same_run_as", PLAIN);
        return out;
    }

    /**
     * One partition trains at train's default round size whatever the plan's: averaging one partition
     * hands its parameters and rule state on untouched, so the model is the same for every round size
     * (sequential training, bit for bit), and small rounds would only add Spark jobs. Not so when each
     * round resets the rule's state.
     */
    private static DistributedSettings settings(Plan plan, String method, int partitions, String output, Optimizer optimizer) {
        boolean block = method.equals(BLOCK);
        boolean reset = plan.resetOptimizerState() && optimizer != Optimizer.SGD;
        boolean one = partitions == 1 && !reset;
        return new DistributedSettings(output, DistributedSettings.Mode.average, one ? null : plan.examplesPerRound(),
                one ? null : plan.examplesPerPartition(), 32, partitions, DistributedSettings.shufflesByDefault(optimizer), 10, 2.0, 3, false, 1,
                block ? plan.blockMomentum() : null, block ? plan.blockLearningRate() : null, reset);
    }

    private Map<String, Object> train(String train, String heldout, String vocab, Plan plan, Optimizer optimizer, String method,
                                      int partitions, String output) throws IOException {
        OptimizerSettings rule = OptimizerSettings.defaults(optimizer);
        boolean classes = plan.softmax().equals("class");
        Schedule schedule = new Schedule(rule, RnnLanguageModel.defaultLearningRate(optimizer, classes), plan.epochs(),
                Math.max(1, plan.epochs()), 0, RnnLanguageModel.defaultSchedule(optimizer, classes));
        boolean block = method.equals(BLOCK);
        boolean reset = plan.resetOptimizerState() && optimizer != Optimizer.SGD;
        DistributedSettings distributed = settings(plan, method, partitions, output, optimizer);
        TrainSettings settings = new TrainSettings(train, heldout, null, plan.hidden(), null, null, null, vocab, null, schedule, distributed,
                new SoftmaxSettings(plan.softmax(), null));
        long start = System.nanoTime();
        new TrainWorkflow(spark, store, log).run(settings);
        double seconds = (System.nanoTime() - start) / 1e9;
        List<MetricsRecord> records = MetricsLog.read(store, FileStore.join(output, "metrics.jsonl"));
        MetricsRecord last = records.get(records.size() - 1);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("optimizer", optimizer.lowerCase());
        out.put("softmax", plan.softmax());
        out.put("shuffled", DistributedSettings.shufflesByDefault(optimizer));
        out.put("method", method);
        out.put("partitions", partitions);
        out.put("block_momentum", block ? distributed.blockFilter(partitions, optimizer).momentum() : 0.0);
        out.put("block_lr", block ? plan.blockLearningRate() : 1.0);
        out.put("reset_optimizer_state", reset);
        out.put("sentences_per_partition_per_round", distributed.examplesPerPartition(partitions));
        out.put("heldout_perplexity", CoreBenchmark.round(Math.exp(last.perTargetLoss())));
        out.put("seconds", CoreBenchmark.round(seconds));
        return out;
    }

    /** The split's file, or its first {@code limit} lines copied into {@code work}. */
    private static String limited(String split, String file, Integer limit, Path work) throws IOException {
        String path = FileStore.join(split, file);
        if (limit == null) return path;
        List<String> lines;
        try (var stream = Files.lines(Path.of(path), StandardCharsets.UTF_8)) {
            lines = stream.limit(limit).toList();
        }
        Path copy = work.resolve("first-" + limit + "-" + file);
        Files.write(copy, lines, StandardCharsets.UTF_8);
        return copy.toString();
    }
}
