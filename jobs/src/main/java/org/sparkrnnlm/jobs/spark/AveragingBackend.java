package org.sparkrnnlm.jobs.spark;

import java.util.Arrays;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.sparkrnnlm.core.lm.LanguageModelGradient;
import org.sparkrnnlm.core.lm.LossTotals;
import org.sparkrnnlm.core.tensor.ParameterVector;
import org.sparkrnnlm.core.tensor.Parameters;
import org.sparkrnnlm.core.train.SentenceSgd;

/**
 * {@code --mode average}: each round the driver broadcasts the parameters, every partition runs
 * per-sentence SGD over its next {@code sentencesPerRound / partitions} sentences, and the driver
 * takes the sentence-weighted average. Results return through treeAggregate, never accumulators,
 * so a retried task cannot count twice.
 */
public final class AveragingBackend extends DistributedBackend {
    private final int sliceSize;
    private final int rounds;

    public AveragingBackend(JavaSparkContext sc, JavaRDD<int[][]> blocks, JavaRDD<int[][]> heldout, int truncate,
                            int sentencesPerRound, Long shuffleSeed, int taskThreads) {
        super(sc, blocks, heldout, truncate, shuffleSeed, taskThreads);
        this.sliceSize = Math.max(1, (int) Math.ceil((double) sentencesPerRound / partitions()));
        long largest = Arrays.stream(blockSizes).max().orElse(0);
        this.rounds = (int) Math.max(1, (largest + sliceSize - 1) / sliceSize);
    }

    @Override
    public Parameters trainEpoch(Parameters parameters, double learningRate, int epoch) {
        Parameters current = parameters;
        long done = 0;
        for (int round = 0; round < rounds; round++) {
            ParameterSum result = round(current, learningRate, epoch, round);
            ParameterVector average = result.average();
            if (average != null) current = average.toParameters();
            done += result.sentences();
            progress.accept(done);
        }
        return current;
    }

    private ParameterSum round(Parameters parameters, double lr, int epoch, int round) {
        int trunc = truncate;
        int from = round * sliceSize;
        int count = sliceSize;
        return aggregate(parameters, epoch, round, (acc, partition, order, start) -> train(acc, order, from, count, start, trunc, lr));
    }

    private static ParameterSum train(ParameterSum acc, int[][] order, int from, int count, ParameterVector start,
                                      int truncate, double lr) {
        int to = Math.min(order.length, from + count);
        if (from >= to) return acc;
        Parameters p = start.toParameters();
        LanguageModelGradient math = ExecutorModels.math(ExecutorModels.model(p, truncate));
        LossTotals seen = new SentenceSgd(math).run(Arrays.asList(order).subList(from, to).iterator(), to - from, p, lr);
        return acc.add(p.toVector(), to - from, to - from, seen);
    }
}
