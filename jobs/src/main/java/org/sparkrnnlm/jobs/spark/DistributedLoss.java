package org.sparkrnnlm.jobs.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.sparkrnnlm.core.lm.LanguageModelGradient;
import org.sparkrnnlm.core.lm.LossTotals;
import org.sparkrnnlm.core.tensor.ParameterVector;
import org.sparkrnnlm.core.tensor.Parameters;

/** The loss of parameters over sentence blocks, summed with treeAggregate. */
public final class DistributedLoss {
    private DistributedLoss() {
    }

    public static LossTotals of(JavaSparkContext sc, JavaRDD<int[][]> blocks, Parameters parameters, int truncate, int threads) {
        Broadcast<ParameterVector> shared = sc.broadcast(parameters.toVector());
        try {
            return blocks.treeAggregate(new LossTotals(),
                    (acc, block) -> acc.merge(score(block, shared.value(), truncate, threads)), LossTotals::merge);
        } finally {
            shared.destroy();
        }
    }

    private static LossTotals score(int[][] block, ParameterVector vector, int truncate, int threads) {
        EngineThreads.use(threads);
        Parameters p = vector.toParameters();
        LanguageModelGradient math = ExecutorModels.math(ExecutorModels.model(p, truncate));
        LossTotals totals = new LossTotals();
        for (int[] ids : block) totals.add(math.loss(ids, p), ids.length - 1);
        return totals;
    }
}
