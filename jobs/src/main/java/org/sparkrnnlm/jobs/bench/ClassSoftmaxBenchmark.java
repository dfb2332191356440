package org.sparkrnnlm.jobs.bench;

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
     */
    Map<String, Object> run(int words, Integer classes, int count, int fullCount) throws Exception {
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
        Map<String, Object> class1 = classBench.sgd(1, 1, warmup);
        Map<String, Object> class2 = classBench.sgd(2, 1, warmup);
        Map<String, Object> full1 = fullBench.sgd(1, 1, Math.min(warmup, fullCount));
        Map<String, Object> full2 = fullBench.sgd(2, 1, Math.min(warmup, fullCount));
        out.put("class_1_stream", class1);
        out.put("class_2_streams", class2);
        out.put("full_1_stream", full1);
        out.put("full_2_streams", full2);
        out.put("speedup_1_stream", ratio(class1, full1));
        out.put("speedup_2_streams", ratio(class2, full2));
        out.put("class_time_shares", shares(ids, words, wordClasses, warmup));
        return out;
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
