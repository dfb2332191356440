package org.sparkrnnlm.jobs.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.sparkrnnlm.core.text.TextSentences;
import org.sparkrnnlm.core.text.Vocabulary;

/** The benchmark suite behind {@code rnnlm bench}. */
public final class Benchmarks {
    private final SparkSession spark;
    private final PrintStream log;

    public Benchmarks(SparkSession spark, PrintStream log) {
        this.spark = spark;
        this.log = log;
    }

    private static void requireFile(String csv) throws java.io.FileNotFoundException {
        if (!new java.io.File(csv).exists() && !csv.contains("://")) {
            throw new java.io.FileNotFoundException("benchmark data " + csv + " does not exist (pass --csv)");
        }
    }

    /** Preprocess throughput and cores used on one generated dump as 8 plain files and as single files of each kind. */
    public Map<String, Object> preprocess(String csv, double dumpGigabytes, String dumpDir, List<String> inputs) throws Exception {
        requireFile(csv);
        for (String input : inputs) if (!input.equals(PreprocessBenchmark.EIGHT_FILES)) DumpVariants.fileName(input);
        java.nio.file.Path dir = java.nio.file.Paths.get(dumpDir).toAbsolutePath();
        java.nio.file.Files.createDirectories(dir);
        return new PreprocessBenchmark(spark, log).dumps(csv, dumpGigabytes, dir, inputs);
    }

    /** One epoch of train in local[1] and local[2] against the same work in plain threads. */
    public Map<String, Object> pipeline(String csv, int words, int hidden, int truncate, int count, int sentencesPerRound)
            throws Exception {
        List<int[]> ids = encoded(csv, words, count);
        spark.stop();
        PipelineBenchmark bench = new PipelineBenchmark(log);
        Map<String, Object> one = bench.run(ids, words, hidden, truncate, 1, sentencesPerRound);
        Map<String, Object> two = bench.run(ids, words, hidden, truncate, 2, sentencesPerRound);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("local_1", one);
        out.put("local_2", two);
        out.put("speedup_local_2_over_1", CoreBenchmark.round((double) (Long) two.get("tokens_per_second")
                / (Long) one.get("tokens_per_second")));
        return out;
    }

    private List<int[]> encoded(String csv, int words, int count) throws Exception {
        requireFile(csv);
        log.println("bench: reading " + csv);
        List<List<String>> tokens = BenchCorpus.sentences(spark, csv);
        Vocabulary vocabulary = Vocabulary.fromCounts(TextSentences.count(tokens), words);
        List<int[]> ids = new ArrayList<>();
        for (List<String> t : tokens.subList(0, Math.min(count, tokens.size()))) ids.add(vocabulary.encode(t));
        return ids;
    }

    public Map<String, Object> core(String csv, int words, int hidden, int truncate, int count) throws Exception {
        List<int[]> ids = encoded(csv, words, count);
        CoreBenchmark bench = new CoreBenchmark(ids, words, hidden, truncate);
        int warmup = Math.min(300, ids.size());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("vocabulary", words);
        out.put("hidden", hidden);
        out.put("bptt_truncate", truncate);
        out.put("dtype", "float32");
        out.put("mean_sentence_targets", Math.round(ids.stream().mapToInt(s -> s.length - 1).average().orElse(0) * 10) / 10.0);
        out.put("flops_per_token", bench.flopsPerToken());
        log.println("bench: SGEMM peak");
        Map<String, Object> sgemm = new LinkedHashMap<>();
        sgemm.put("shape", words + "x" + hidden + " * " + hidden + "x256");
        sgemm.put("threads_1_gflops", CoreBenchmark.sgemmGflops(words, hidden, 256, 1));
        sgemm.put("threads_2_gflops", CoreBenchmark.sgemmGflops(words, hidden, 256, 2));
        out.put("sgemm", sgemm);
        log.println("bench: per-sentence SGD, one stream, one BLAS thread");
        out.put("sgd_1_thread", bench.sgd(1, 1, warmup));
        log.println("bench: per-sentence SGD, one stream, two BLAS threads");
        out.put("sgd_1_stream_2_blas_threads", bench.sgd(1, 2, warmup));
        log.println("bench: per-sentence SGD, two streams (as two partitions), one BLAS thread each");
        out.put("sgd_2_threads", bench.sgd(2, 1, warmup));
        return out;
    }

    /** Class-factored against full softmax at each vocabulary size: tokens/s and the class model's time per part. */
    public Map<String, Object> classSoftmax(String csv, List<Integer> vocabularySizes, Integer classes, int hidden, int truncate,
                                            int count, int fullCount, int repeats) throws Exception {
        requireFile(csv);
        log.println("bench: reading " + csv);
        ClassSoftmaxBenchmark bench = new ClassSoftmaxBenchmark(BenchCorpus.sentences(spark, csv), hidden, truncate);
        Map<String, Object> out = new LinkedHashMap<>();
        for (int words : vocabularySizes) {
            log.println("bench: class-factored and full softmax at C=" + words);
            out.put("vocabulary_" + words, bench.run(words, classes, count, fullCount, repeats));
        }
        return out;
    }

    /** Held-out perplexity per epoch against wall time for each rule and mode on a train/held-out split. */
    public Map<String, Object> quality(String split, List<String> optimizers, List<String> modes, List<String> softmaxes, int epochs,
                                       int partitions, String work) throws Exception {
        requireFile(split + "/train.txt");
        java.nio.file.Files.createDirectories(java.nio.file.Paths.get(work));
        return new QualityBenchmark(spark, log).run(split, optimizers, modes, softmaxes, epochs, partitions,
                java.nio.file.Paths.get(work).toAbsolutePath().toString());
    }

    /** Held-out perplexity and wall time per partition count, plain averaging against block momentum. */
    public Map<String, Object> scaling(String split, List<Integer> partitions, List<String> optimizers, List<String> methods,
                                       int epochs, Integer sentences, int hidden, Integer sentencesPerRound, Integer sentencesPerPartition,
                                       String blockMomentum, double blockLearningRate, boolean resetOptimizerState, String softmax,
                                       String work) throws Exception {
        requireFile(split + "/train.txt");
        java.nio.file.Path dir = java.nio.file.Paths.get(work).toAbsolutePath();
        java.nio.file.Files.createDirectories(dir);
        ScalingBenchmark.Plan plan = new ScalingBenchmark.Plan(partitions, optimizers, methods, epochs, sentences, hidden, sentencesPerRound,
                sentencesPerPartition, blockMomentum, blockLearningRate, resetOptimizerState, softmax);
        return new ScalingBenchmark(spark, log).run(split, plan, dir);
    }

    /** One epoch in average mode against gradient mode at each batch size: tokens/s and a round's time split. */
    public Map<String, Object> modes(String csv, int words, int hidden, int truncate, int count, int partitions, int sentencesPerRound,
                                     List<Integer> batchSizes, String optimizer) throws Exception {
        List<int[]> ids = encoded(csv, words, count);
        org.sparkrnnlm.core.optim.Optimizer rule = org.sparkrnnlm.core.optim.Optimizer.parse(optimizer);
        return new ModesBenchmark(spark, log).run(ids, words, hidden, truncate, partitions, sentencesPerRound, batchSizes,
                org.sparkrnnlm.core.optim.OptimizerSettings.defaults(rule), org.sparkrnnlm.core.lm.RnnLanguageModel.defaultLearningRate(rule));
    }

    /** Per-sentence SGD, Adagrad and Adam on the same sentences: the cost of an adaptive rule. */
    public Map<String, Object> optimizers(String csv, int words, int hidden, int truncate, int count) throws Exception {
        List<int[]> ids = encoded(csv, words, count);
        log.println("bench: per-sentence sgd, adagrad and adam, one stream, one BLAS thread");
        return new CoreBenchmark(ids, words, hidden, truncate).optimizers(Math.min(300, ids.size()), 100, 5);
    }

    /** Per-sequence SGD of the regression model on the dot-product task, one thread, float64 and float32. */
    public Map<String, Object> regression(int hidden, int steps, int count) {
        RegressionBenchmark bench = new RegressionBenchmark(hidden, steps);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("task", "dot-product");
        out.put("steps", steps);
        out.put("hidden", hidden);
        out.put("flops_per_sequence", bench.flopsPerSequence());
        log.println("bench: regression, per-sequence SGD, one thread");
        out.put("float64", bench.run(count, org.sparkrnnlm.core.tensor.Dtype.DOUBLE));
        out.put("float32", bench.run(count, org.sparkrnnlm.core.tensor.Dtype.FLOAT));
        return out;
    }
}
