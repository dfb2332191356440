package org.sparkrnnlm.jobs.bench;

import static org.sparkrnnlm.jobs.settings.InvalidSettingException.require;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sparkrnnlm.core.lm.ClassLanguageModelGradient;
import org.sparkrnnlm.core.lm.RnnLanguageModel;
import org.sparkrnnlm.core.lm.WordClasses;
import org.sparkrnnlm.core.tensor.Dtype;
import org.sparkrnnlm.core.text.TextSentences;
import org.sparkrnnlm.core.text.Vocabulary;
import org.sparkrnnlm.core.train.ExampleSgd;
import org.sparkrnnlm.jobs.distributed.EngineThreads;

/**
 * Per-sentence SGD with the class-factored softmax against the full softmax at one vocabulary
 * size, float32: tokens/s on one and two streams (as partitions), and the class model's share of
 * time per part (recurrence, class layer, word layer).
 */
final class ClassSoftmaxBenchmark {
    private final List<List<String>> tokens;
    private final int hidden;
    private final int truncate;

    ClassSoftmaxBenchmark(List<List<String>> tokens, int hidden, int truncate) {
        this.tokens = tokens;
        this.hidden = hidden;
        this.truncate = truncate;
    }

    /**
     * @param classes null for about sqrt(C)
     * @param count sentences timed per stream with classes; the full softmax, much slower at large C, times {@code fullCount}
     * @param repeats measurements of each softmax, alternating class and full, so each speedup compares
     *        neighbours in time; the reported speedup is the median of the pairs' (the machine's speed drifts
     *        by a third within minutes, and the two softmaxes, one bound by GEMM and one by reading rows, do
     *        not drift together)
     */
    Map<String, Object> run(int words, Integer classes, int count, int fullCount, int repeats) throws Exception {
        require(repeats >= 1, "--class-repeats must be at least 1, got " + repeats);
        Vocabulary vocabulary = Vocabulary.fromCounts(TextSentences.count(tokens), words);
        List<int[]> ids = new ArrayList<>();
        for (List<String> t : tokens.subList(0, Math.min(count, tokens.size()))) ids.add(vocabulary.encode(t));
        WordClasses wordClasses = classes(vocabulary, words, classes != null ? classes : WordClasses.defaultCount(words));
        int warmup = Math.min(300, ids.size());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("vocabulary", words);
        out.put("words_with_counts", vocabulary.size());
        out.put("classes", wordClasses.classes());
        out.put("mean_class_rows_per_token", Math.round(meanClassRows(ids, wordClasses) * 10) / 10.0);
        CoreBenchmark classBench = new CoreBenchmark(ids, words, hidden, truncate, wordClasses);
        CoreBenchmark fullBench = new CoreBenchmark(ids.subList(0, Math.min(fullCount, ids.size())), words, hidden, truncate);
        List<Map<String, Object>> pairs = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            Map<String, Object> pair = new LinkedHashMap<>();
            for (int streams = 1; streams <= 2; streams++) {
                String suffix = streams == 1 ? "_1_stream" : "_2_streams";
                Map<String, Object> c = classBench.sgd(streams, 1, warmup);
                Map<String, Object> f = fullBench.sgd(streams, 1, Math.min(warmup, fullCount));
                pair.put("class" + suffix, c);
                pair.put("full" + suffix, f);
                pair.put("speedup" + suffix, ratio(c, f));
            }
            pairs.add(pair);
        }
        out.put("measurements", pairs);
        out.put("speedup_1_stream", median(pairs, "speedup_1_stream"));
        out.put("speedup_2_streams", median(pairs, "speedup_2_streams"));
        out.put("class_time_shares", shares(ids, words, wordClasses, warmup));
        return out;
    }

    private static double median(List<Map<String, Object>> pairs, String key) {
        double[] v = pairs.stream().mapToDouble(p -> ((Number) p.get(key)).doubleValue()).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : CoreBenchmark.round((v[v.length / 2 - 1] + v[v.length / 2]) / 2);
    }

    /** Classes by the vocabulary's counts; ids the corpus never fills (C above its distinct words) count 0. */
    private static WordClasses classes(Vocabulary vocabulary, int words, int n) {
        long[] counts = new long[words];
        for (int w = 0; w < vocabulary.size(); w++) counts[w] = vocabulary.count(w);
        return WordClasses.byFrequency(counts, n);
    }

    /** The word layer's rows per training token: the mean size of the target's class. */
    private static double meanClassRows(List<int[]> ids, WordClasses classes) {
        long rows = 0;
        long targets = 0;
        for (int[] s : ids) {
            for (int t = 1; t < s.length; t++) {
                int c = classes.classOf(s[t]);
                rows += classes.end(c) - classes.start(c);
                targets++;
            }
        }
        return targets == 0 ? 0 : (double) rows / targets;
    }

    private static double ratio(Map<String, Object> a, Map<String, Object> b) {
        return CoreBenchmark.round(((Number) a.get("tokens_per_second")).doubleValue() / ((Number) b.get("tokens_per_second")).doubleValue());
    }

    /** One stream, one BLAS thread, after a warm-up: each part's share of the training time. */
    private Map<String, Object> shares(List<int[]> ids, int words, WordClasses classes, int warmup) {
        EngineThreads.use(1);
        RnnLanguageModel model = RnnLanguageModel.initialize(words, hidden, truncate, Dtype.FLOAT, 10, classes);
        ClassLanguageModelGradient math = new ClassLanguageModelGradient(model.spec());
        ExampleSgd<int[]> sgd = new ExampleSgd<>(model.spec(), math);
        sgd.run(ids.subList(0, warmup).iterator(), warmup, model.parameters(), 0.005);
        math.timeParts();
        sgd.run(ids.iterator(), ids.size(), model.parameters(), 0.005);
        long[] nanos = math.partNanos();
        double total = nanos[0] + nanos[1] + nanos[2];
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("recurrence", CoreBenchmark.round(nanos[0] / total));
        out.put("class_layer", CoreBenchmark.round(nanos[1] / total));
        out.put("word_layer", CoreBenchmark.round(nanos[2] / total));
        return out;
    }
}
