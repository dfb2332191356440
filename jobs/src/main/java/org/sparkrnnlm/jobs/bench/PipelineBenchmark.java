package org.sparkrnnlm.jobs.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.sparkrnnlm.core.lm.RnnLanguageModel;
import org.sparkrnnlm.core.tensor.Dtype;
import org.sparkrnnlm.core.train.StepRates;
import org.sparkrnnlm.core.train.ExampleSgd;
import org.sparkrnnlm.jobs.distributed.AveragingBackend;
import org.sparkrnnlm.jobs.distributed.EngineThreads;
import org.sparkrnnlm.jobs.distributed.ExampleBlocks;
import org.sparkrnnlm.jobs.spark.SparkSessions;

/**
 * One epoch of {@code train --mode average} in local[N], against the same per-sentence SGD run by
 * N plain threads over the same partition blocks: the difference is what Spark costs.
 */
final class PipelineBenchmark {
    private final PrintStream log;

    PipelineBenchmark(PrintStream log) {
        this.log = log;
    }

    Map<String, Object> run(List<int[]> sentences, int words, int hidden, int truncate, int cores, int sentencesPerRound)
            throws Exception {
        SparkSession spark = SparkSessions.create("bench-pipeline", "local[" + cores + "]", List.of());
        org.sparkrnnlm.jobs.monitoring.JobLabels.command(spark.sparkContext(), "bench pipeline local[" + cores + "]");
        try {
            JavaSparkContext sc = new JavaSparkContext(spark.sparkContext());
            JavaRDD<List<int[]>> blocks = ExampleBlocks.of(sc.parallelize(sentences, cores), cores);
            List<List<int[]>> local = blocks.collect();
            RnnLanguageModel model = RnnLanguageModel.initialize(words, hidden, truncate, Dtype.FLOAT, 10);
            AveragingBackend<int[]> backend = new AveragingBackend<>(sc, blocks, null, model.spec(), sentencesPerRound, null, 1);
            log.printf("bench: one epoch in local[%d] (%,d sentences)%n", cores, sentences.size());
            long start = System.nanoTime();
            backend.trainEpoch(model.parameters().copy(), StepRates.constant(0.005), 0);
            double pipeline = (System.nanoTime() - start) / 1e9;
            log.printf("bench: the same SGD in %d plain threads%n", cores);
            double core = coreOnly(local, words, hidden, truncate);
            long tokens = backend.targetsPerEpoch();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("master", "local[" + cores + "]");
            out.put("sentences", backend.examplesPerEpoch());
            out.put("tokens", tokens);
            out.put("sentences_per_round", sentencesPerRound);
            out.put("wall_seconds", CoreBenchmark.round(pipeline));
            out.put("tokens_per_second", Math.round(tokens / pipeline));
            out.put("core_only_seconds", CoreBenchmark.round(core));
            out.put("spark_overhead_percent", CoreBenchmark.round(100 * (pipeline / core - 1)));
            return out;
        } finally {
            spark.stop();
        }
    }

    /** Each block's per-sentence SGD in its own thread, all at once, like the tasks of one round. */
    private static double coreOnly(List<List<int[]>> blocks, int words, int hidden, int truncate) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(blocks.size());
        try {
            EngineThreads.use(1);
            List<Future<?>> runs = new ArrayList<>();
            long start = System.nanoTime();
            for (List<int[]> block : blocks) {
                runs.add(pool.submit(() -> {
                    RnnLanguageModel m = RnnLanguageModel.initialize(words, hidden, truncate, Dtype.FLOAT, 10);
                    new ExampleSgd<>(m.spec()).run(block.iterator(), block.size(), m.parameters(), 0.005);
                }));
            }
            for (Future<?> f : runs) f.get();
            return (System.nanoTime() - start) / 1e9;
        } finally {
            pool.shutdownNow();
        }
    }
}
