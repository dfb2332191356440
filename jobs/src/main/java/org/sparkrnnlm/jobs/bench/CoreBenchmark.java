package org.sparkrnnlm.jobs.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sparkrnnlm.core.lm.RnnLanguageModel;
import org.sparkrnnlm.core.lm.WordClasses;
import org.sparkrnnlm.core.optim.Optimizer;
import org.sparkrnnlm.core.optim.OptimizerSettings;
import org.sparkrnnlm.core.optim.OptimizerState;
import org.sparkrnnlm.core.optim.UpdateRule;
import org.sparkrnnlm.core.tensor.Dtype;
import org.sparkrnnlm.core.tensor.Parameters;
import org.sparkrnnlm.core.train.ExampleSgd;
import org.sparkrnnlm.core.train.ExampleTraining;
import org.sparkrnnlm.jobs.distributed.EngineThreads;

/** Per-sentence SGD throughput of the core, and the machine's SGEMM rate to compare it with. */
final class CoreBenchmark {
    private final List<int[]> sentences;
    private final int words;
    private final int hidden;
    private final int truncate;
    /** Null: the full softmax. */
    private final WordClasses classes;

    CoreBenchmark(List<int[]> sentences, int words, int hidden, int truncate) {
        this(sentences, words, hidden, truncate, null);
    }

    /** With word classes, the models are class-factored. */
    CoreBenchmark(List<int[]> sentences, int words, int hidden, int truncate, WordClasses classes) {
        this.sentences = sentences;
        this.words = words;
        this.hidden = hidden;
        this.truncate = truncate;
        this.classes = classes;
    }

    /** FLOPs of one training token: three C x H GEMM products, plus the hidden-size recurrence and BPTT. */
    double flopsPerToken() {
        return 6.0 * words * hidden + 2.0 * hidden * hidden * (truncate + 3);
    }

    /** {@code streams} independent SGD runs at once (like partitions), each with {@code blasThreads} BLAS threads. */
    Map<String, Object> sgd(int streams, int blasThreads, int warmup) throws Exception {
        EngineThreads.use(blasThreads);
        ExecutorService pool = Executors.newFixedThreadPool(streams);
        try {
            List<Future<Long>> warm = new ArrayList<>();
            List<ExampleSgd<int[]>> engines = new ArrayList<>();
            List<RnnLanguageModel> models = new ArrayList<>();
            for (int s = 0; s < streams; s++) {
                RnnLanguageModel m = RnnLanguageModel.initialize(words, hidden, truncate, Dtype.FLOAT, 10 + s, classes);
                models.add(m);
                engines.add(new ExampleSgd<>(m.spec()));
            }
            for (int s = 0; s < streams; s++) warm.add(pool.submit(task(engines.get(s), models.get(s), warmup)));
            for (Future<Long> f : warm) f.get();
            List<Future<Long>> runs = new ArrayList<>();
            long start = System.nanoTime();
            for (int s = 0; s < streams; s++) runs.add(pool.submit(task(engines.get(s), models.get(s), sentences.size())));
            long tokens = 0;
            for (Future<Long> f : runs) tokens += f.get();
            double seconds = (System.nanoTime() - start) / 1e9;
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("streams", streams);
            out.put("blas_threads", blasThreads);
            out.put("sentences", (long) streams * sentences.size());
            out.put("tokens", tokens);
            out.put("seconds", round(seconds));
            out.put("tokens_per_second", Math.round(tokens / seconds));
            // The full softmax's FLOP count; a class-factored model's depends on the classes met.
            if (classes == null) out.put("gflops", round(tokens * flopsPerToken() / seconds / 1e9));
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private java.util.concurrent.Callable<Long> task(ExampleSgd<int[]> sgd, RnnLanguageModel model, int count) {
        return () -> {
            long tokens = 0;
            List<int[]> part = sentences.subList(0, Math.min(count, sentences.size()));
            for (int[] s : part) tokens += s.length - 1;
            sgd.run(part.iterator(), part.size(), model.parameters(), 0.005);
            return tokens;
        };
    }

    /**
     * Per-sentence training with each update rule's defaults, one stream, one BLAS thread. Each rule
     * trains its own model through the sentences {@code passes} times, the rules taking turns a chunk of
     * {@code chunk} sentences at a time: a chunk's ratio compares the rules within a second of each
     * other (the machine's speed drifts by more than the difference over minutes), and the ratio
     * reported is the median over chunks, with its quartiles.
     */
    Map<String, Object> optimizers(int warmup, int chunk, int passes) {
        EngineThreads.use(1);
        Map<Optimizer, ChunkTimer> timers = new java.util.EnumMap<>(Optimizer.class);
        for (Optimizer optimizer : Optimizer.values()) {
            timers.put(optimizer, new ChunkTimer(optimizer));
            timers.get(optimizer).time(sentences.subList(0, Math.min(warmup, sentences.size())));
        }
        Map<Optimizer, List<Double>> ratios = new java.util.EnumMap<>(Optimizer.class);
        Map<Optimizer, double[]> totals = new java.util.EnumMap<>(Optimizer.class);
        for (int pass = 0; pass < passes; pass++) {
            for (int from = 0; from < sentences.size(); from += chunk) {
                List<int[]> part = sentences.subList(from, Math.min(sentences.size(), from + chunk));
                long tokens = part.stream().mapToLong(ids -> ids.length - 1).sum();
                double sgd = 0;
                for (Optimizer optimizer : Optimizer.values()) {
                    double seconds = timers.get(optimizer).time(part);
                    if (optimizer == Optimizer.SGD) sgd = seconds;
                    ratios.computeIfAbsent(optimizer, o -> new ArrayList<>()).add(sgd / seconds);
                    double[] total = totals.computeIfAbsent(optimizer, o -> new double[2]);
                    total[0] += tokens;
                    total[1] += seconds;
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Optimizer optimizer : Optimizer.values()) {
            List<Double> sorted = ratios.get(optimizer).stream().sorted().toList();
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("tokens_per_second", Math.round(totals.get(optimizer)[0] / totals.get(optimizer)[1]));
            one.put("ratio_to_sgd", round(median(sorted)));
            one.put("ratio_quartiles", List.of(round(sorted.get(sorted.size() / 4)), round(sorted.get(3 * sorted.size() / 4))));
            one.put("chunks", sorted.size());
            out.put(optimizer.lowerCase(), one);
        }
        return out;
    }

    /** One rule's model and training loop, timed a chunk of sentences at a time. */
    private final class ChunkTimer {
        private final ExampleTraining<int[]> training;
        private final Parameters all;
        private final double lr;

        ChunkTimer(Optimizer optimizer) {
            RnnLanguageModel m = RnnLanguageModel.initialize(words, hidden, truncate, Dtype.FLOAT, 10);
            OptimizerSettings settings = OptimizerSettings.defaults(optimizer);
            all = OptimizerState.attach(m.parameters(), UpdateRule.of(settings));
            training = new ExampleTraining<>(m.spec(), m.spec().newGradient(), settings);
            lr = RnnLanguageModel.defaultLearningRate(optimizer);
        }

        /** Seconds to train on {@code part}. */
        double time(List<int[]> part) {
            long start = System.nanoTime();
            training.run(part.iterator(), part.size(), all, lr);
            return (System.nanoTime() - start) / 1e9;
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** SGEMM [C x H] x [H x 256] into a preallocated output: the shape the ceiling in STACK-NOTES uses. */
    static double sgemmGflops(int rows, int inner, int cols, int threads) {
        EngineThreads.use(threads);
        INDArray a = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, rows, inner);
        INDArray b = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, inner, cols);
        INDArray c = Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, rows, cols);
        for (int i = 0; i < 20; i++) Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
        double best = 0;
        for (int rep = 0; rep < 5; rep++) {
            int n = 40;
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
            double s = (System.nanoTime() - t0) / 1e9;
            best = Math.max(best, 2.0 * rows * inner * cols * n / s / 1e9);
        }
        return round(best);
    }

    static double round(double x) {
        return Math.round(x * 100) / 100.0;
    }
}
