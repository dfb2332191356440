package org.sparkrnnlm.core.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.sparkrnnlm.core.lm.LanguageModelGradient;
import org.sparkrnnlm.core.lm.LanguageModelScorer;
import org.sparkrnnlm.core.lm.LossTotals;
import org.sparkrnnlm.core.lm.RnnLanguageModel;
import org.sparkrnnlm.core.tensor.Parameters;

/** Single-threaded training over sentences in memory: the reference the distributed modes are held to. */
public final class SequentialBackend implements TrainingBackend {
    private final List<int[]> sentences;
    private final List<int[]> evaluation;
    private final SentenceSgd sgd;
    private final LanguageModelScorer scorer;
    private final Long shuffleSeed;
    private final long tokens;
    private final LanguageModelGradient math;
    private final Integer batchSize;

    /** @param shuffleSeed null keeps input order; otherwise each epoch is shuffled with seed + epoch */
    public SequentialBackend(RnnLanguageModel model, List<int[]> sentences, List<int[]> heldout, Long shuffleSeed) {
        this(model, sentences, heldout, shuffleSeed, null);
    }

    /** @param batchSize null for per-sentence SGD, else minibatch SGD with batches of this many sentences */
    public SequentialBackend(RnnLanguageModel model, List<int[]> sentences, List<int[]> heldout, Long shuffleSeed,
                             Integer batchSize) {
        this.sentences = sentences;
        this.evaluation = heldout == null ? sentences : heldout;
        this.math = new LanguageModelGradient(model);
        this.sgd = new SentenceSgd(math);
        this.batchSize = batchSize;
        this.scorer = new LanguageModelScorer(model);
        this.shuffleSeed = shuffleSeed;
        this.tokens = sentences.stream().mapToLong(s -> s.length - 1).sum();
    }

    @Override
    public LossTotals evaluate(Parameters parameters) {
        return scorer.score(evaluation, parameters);
    }

    @Override
    public Parameters trainEpoch(Parameters parameters, double learningRate, int epoch) {
        List<int[]> order = sentences;
        if (shuffleSeed != null) {
            order = new ArrayList<>(sentences);
            Collections.shuffle(order, new Random(shuffleSeed + epoch));
        }
        if (batchSize == null) sgd.run(order.iterator(), Long.MAX_VALUE, parameters, learningRate);
        else MinibatchSgd.epoch(math, order, batchSize, parameters, learningRate);
        return parameters;
    }

    @Override
    public long sentencesPerEpoch() {
        return sentences.size();
    }

    @Override
    public long tokensPerEpoch() {
        return tokens;
    }
}
