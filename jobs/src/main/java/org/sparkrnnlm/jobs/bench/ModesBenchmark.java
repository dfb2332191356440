package org.sparkrnnlm.jobs.bench;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.sparkrnnlm.core.lm.RnnLanguageModel;
import org.sparkrnnlm.core.optim.OptimizerSettings;
import org.sparkrnnlm.core.tensor.Dtype;
import org.sparkrnnlm.core.train.StepRates;
import org.sparkrnnlm.jobs.distributed.AveragingBackend;
import org.sparkrnnlm.jobs.distributed.DistributedBackend;
import org.sparkrnnlm.jobs.distributed.ExampleBlocks;
import org.sparkrnnlm.jobs.distributed.GradientBackend;

/**
 * One epoch of {@code train --mode average} against {@code --mode gradient} at several batch
 * sizes on the same sentences and partitions: tokens per second, their ratio, and where a round's
 * time goes (broadcast, Spark job, compute in the tasks, driver update).
 */
final class ModesBenchmark {
    private final SparkSession spark;
    private final PrintStream log;

    ModesBenchmark(SparkSession spark, PrintStream log) {
        this.spark = spark;
        this.log = log;
    }

    Map<String, Object> run(List<int[]> sentences, int words, int hidden, int truncate, int partitions, int sentencesPerRound,
                            List<Integer> batchSizes, OptimizerSettings optimizer, double lr) {
        JavaSparkContext sc = new JavaSparkContext(spark.sparkContext());
        JavaRDD<List<int[]>> blocks = ExampleBlocks.of(sc.parallelize(sentences, partitions), partitions);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sentences", sentences.size());
        out.put("partitions", partitions);
        out.put("optimizer", optimizer.optimizer().lowerCase());
        RnnLanguageModel model = RnnLanguageModel.initialize(words, hidden, truncate, Dtype.FLOAT, 10);
        Map<String, Object> average = epoch("average", new AveragingBackend<>(sc, blocks, null, model.spec(), sentencesPerRound, null, 1,
                optimizer), model, lr, optimizer);
        out.put("average", average);
        for (int batch : batchSizes) {
            GradientBackend<int[]> backend = new GradientBackend<>(sc, blocks, null, model.spec(), batch, null, 1, optimizer);
            Map<String, Object> gradient = epoch("gradient, batch " + batch, backend, model, lr, optimizer);
            gradient.put("rounds_via", backend.channelUnusable() == null ? "round channel, one Spark job per epoch"
                    : "one Spark job per round: " + backend.channelUnusable());
            gradient.put("over_average", CoreBenchmark.round((double) (Long) gradient.get("tokens_per_second")
                    / (Long) average.get("tokens_per_second")));
            out.put("gradient_batch_" + batch, gradient);
        }
        return out;
    }

    private Map<String, Object> epoch(String name, DistributedBackend<int[]> backend, RnnLanguageModel model, double lr,
                                      OptimizerSettings optimizer) {
        log.printf("bench: one epoch, %s%n", name);
        org.sparkrnnlm.core.tensor.Parameters start = org.sparkrnnlm.core.optim.OptimizerState.attach(model.parameters().copy(),
                org.sparkrnnlm.core.optim.UpdateRule.of(optimizer));
        long begin = System.nanoTime();
        backend.trainEpoch(start, StepRates.constant(lr), 0);
        double seconds = (System.nanoTime() - begin) / 1e9;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("wall_seconds", CoreBenchmark.round(seconds));
        out.put("tokens_per_second", Math.round(backend.targetsPerEpoch() / seconds));
        out.put("rounds", backend.roundTimes().rounds());
        out.put("round_millis", backend.roundTimes().perRoundMillis());
        return out;
    }
}
