package org.sparkrnnlm.jobs.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
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
 * Time to a good model: {@code train} on a fixed train/held-out split with each update rule's
 * defaults in each distributed mode, held-out perplexity (per token, END included) after every
 * epoch against wall seconds, as JSON and as one plot.
 */
final class QualityBenchmark {
    private final SparkSession spark;
    private final HadoopFileStore store;
    private final PrintStream log;

    QualityBenchmark(SparkSession spark, PrintStream log) {
        this.spark = spark;
        this.store = new HadoopFileStore(spark.sparkContext().hadoopConfiguration());
        this.log = log;
    }

    /**
     * One run per optimizer, mode and output layer ("full"; "class", keyed with a "_class" suffix;
     * "bias", the full softmax with an output bias, keyed "_bias"); {@code split} holds train.txt,
     * heldout.txt and vocab.tsv.
     */
    Map<String, Object> run(String split, List<String> optimizers, List<String> modes, List<String> softmaxes, int epochs, int partitions,
                            String work) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        LossPlot plot = new LossPlot("held-out perplexity against training time", "seconds (training and evaluation)",
                "held-out perplexity");
        for (String name : optimizers) {
            Optimizer optimizer = Optimizer.parse(name);
            for (String mode : modes) {
                for (String softmax : softmaxes) {
                    SoftmaxSettings output = outputLayer(softmax);
                    String key = optimizer.lowerCase() + "_" + mode + (output.classFactored() ? "_class" : output.biased() ? "_bias" : "");
                    log.println("bench: quality, " + key);
                    List<MetricsRecord> records = train(split, optimizer, DistributedSettings.Mode.valueOf(mode), output, epochs, partitions,
                            FileStore.join(work, key + "-" + System.nanoTime()));
                    out.put(key, figures(records));
                    plot.series(key, records.stream().map(r -> new LossPlot.Point(r.elapsedSeconds(), Math.exp(r.perTargetLoss()))).toList());
                }
            }
        }
        String png = FileStore.join(work, "quality.png");
        AtomicReplace.file(store, png, (OutputStream o) -> plot.write(o));
        out.put("plot", png);
        return out;
    }

    private static SoftmaxSettings outputLayer(String name) {
        return name.equals("bias") ? new SoftmaxSettings("full", null, true) : new SoftmaxSettings(name, null);
    }

    private List<MetricsRecord> train(String split, Optimizer optimizer, DistributedSettings.Mode mode, SoftmaxSettings softmax,
                                      int epochs, int partitions, String output) throws IOException {
        OptimizerSettings rule = OptimizerSettings.defaults(optimizer);
        boolean minibatches = mode == DistributedSettings.Mode.gradient;
        Schedule schedule = new Schedule(rule, RnnLanguageModel.defaultLearningRate(optimizer, softmax.classFactored(), minibatches), epochs,
                1, 0, RnnLanguageModel.defaultSchedule(optimizer, softmax.classFactored(), minibatches));
        DistributedSettings distributed = new DistributedSettings(output, mode, 4000, 32, partitions,
                DistributedSettings.shufflesByDefault(optimizer), 10, 2.0, 3, false, 1);
        TrainSettings settings = new TrainSettings(FileStore.join(split, "train.txt"), FileStore.join(split, "heldout.txt"), null, null,
                null, null, null, FileStore.join(split, "vocab.tsv"), null, schedule, distributed, softmax);
        new TrainWorkflow(spark, store, log).run(settings);
        return MetricsLog.read(store, FileStore.join(output, "metrics.jsonl"));
    }

    private static Map<String, Object> figures(List<MetricsRecord> records) {
        List<Map<String, Object>> epochs = new ArrayList<>();
        for (MetricsRecord r : records) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("epoch", r.epoch());
            e.put("heldout_perplexity", CoreBenchmark.round(Math.exp(r.perTargetLoss())));
            e.put("seconds", CoreBenchmark.round(r.elapsedSeconds()));
            epochs.add(e);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("evaluations", epochs);
        return out;
    }
}
