package org.sparkrnnlm.jobs.spark;

import java.util.Arrays;
import java.util.function.LongConsumer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.sparkrnnlm.core.lm.LanguageModelGradient;
import org.sparkrnnlm.core.lm.LossTotals;
import org.sparkrnnlm.core.lm.RnnLanguageModel;
import org.sparkrnnlm.core.tensor.ParameterVector;
import org.sparkrnnlm.core.tensor.Parameters;
import org.sparkrnnlm.core.train.SentenceSgd;
import org.sparkrnnlm.core.train.TrainingBackend;

/**
 * {@code --mode average}: each round the driver broadcasts the parameters, every partition runs
 * per-sentence SGD over its next {@code sentencesPerRound / partitions} sentences, and the driver
 * takes the sentence-weighted average. Results return through treeAggregate, never accumulators,
 * so a retried task cannot count twice.
 */
public final class AveragingBackend implements TrainingBackend {
    private final JavaSparkContext sc;
    private final JavaRDD<int[][]> blocks;
    private final JavaRDD<int[][]> evaluation;
    private final int truncate;
    private final int sliceSize;
    private final int rounds;
    private final Long shuffleSeed;
    private final long sentences;
    private final long tokens;
    private final int taskThreads;
    private LongConsumer progress = done -> { };

    public AveragingBackend(JavaSparkContext sc, JavaRDD<int[][]> blocks, JavaRDD<int[][]> heldout, int truncate,
                            int sentencesPerRound, Long shuffleSeed, int taskThreads) {
        this.sc = sc;
        this.blocks = blocks;
        this.evaluation = heldout == null ? blocks : heldout;
        this.truncate = truncate;
        this.shuffleSeed = shuffleSeed;
        this.taskThreads = taskThreads;
        int partitions = blocks.getNumPartitions();
        long[] stats = blocks.map(b -> new long[] {b.length, Arrays.stream(b).mapToLong(s -> s.length - 1).sum(), b.length})
                .reduce((a, b) -> new long[] {a[0] + b[0], a[1] + b[1], Math.max(a[2], b[2])});
        this.sentences = stats[0];
        this.tokens = stats[1];
        this.sliceSize = Math.max(1, (int) Math.ceil((double) sentencesPerRound / partitions));
        this.rounds = (int) Math.max(1, (stats[2] + sliceSize - 1) / sliceSize);
    }

    /** Called with the number of sentences trained so far in the current epoch after each round. */
    public void onRound(LongConsumer progress) {
        this.progress = progress;
    }

    @Override
    public LossTotals evaluate(Parameters parameters) {
        return DistributedLoss.of(sc, evaluation, parameters, truncate, taskThreads);
    }

    @Override
    public Parameters trainEpoch(Parameters parameters, double learningRate, int epoch) {
        Parameters current = parameters;
        long done = 0;
        for (int round = 0; round < rounds; round++) {
            ParameterAveraging result = round(current, learningRate, epoch, round);
            ParameterVector average = result.average();
            if (average != null) current = average.toParameters();
            done += result.sentences();
            progress.accept(done);
        }
        return current;
    }

    private ParameterAveraging round(Parameters parameters, double lr, int epoch, int round) {
        Broadcast<ParameterVector> shared = sc.broadcast(parameters.toVector());
        int trunc = truncate;
        int slice = sliceSize;
        Long seed = shuffleSeed;
        int threads = taskThreads;
        ParameterAveraging result = blocks.mapPartitionsWithIndex((partition, it) -> {
            ParameterAveraging acc = new ParameterAveraging();
            while (it.hasNext()) {
                int[][] order = SentenceBlocks.epochOrder(it.next(), seed, epoch, partition);
                acc = train(acc, order, round * slice, slice, shared.value(), trunc, lr, threads);
            }
            return java.util.Collections.singletonList(acc).iterator();
        }, true).treeAggregate(new ParameterAveraging(), ParameterAveraging::merge, ParameterAveraging::merge);
        shared.destroy();
        return result;
    }

    private static ParameterAveraging train(ParameterAveraging acc, int[][] order, int from, int count,
                                            ParameterVector start, int truncate, double lr, int threads) {
        int to = Math.min(order.length, from + count);
        if (from >= to) return acc;
        EngineThreads.use(threads);
        Parameters p = start.toParameters();
        LanguageModelGradient math = ExecutorModels.math(ExecutorModels.model(p, truncate));
        LossTotals seen = new SentenceSgd(math).run(Arrays.asList(order).subList(from, to).iterator(), to - from, p, lr);
        return acc.add(p.toVector(), to - from, seen);
    }

    public int partitions() {
        return blocks.getNumPartitions();
    }

    @Override
    public long sentencesPerEpoch() {
        return sentences;
    }

    @Override
    public long tokensPerEpoch() {
        return tokens;
    }
}
