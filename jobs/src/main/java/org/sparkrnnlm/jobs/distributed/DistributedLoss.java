package org.sparkrnnlm.jobs.distributed;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.sparkrnnlm.core.tensor.ParameterVector;
import org.sparkrnnlm.core.tensor.Parameters;
import org.sparkrnnlm.core.train.ExampleScorer;
import org.sparkrnnlm.core.train.LossTotals;
import org.sparkrnnlm.core.train.ModelSpec;

/** The loss of parameters over example blocks, summed with treeAggregate. */
public final class DistributedLoss {
    private DistributedLoss() {
    }

    public static <E> LossTotals of(JavaSparkContext sc, JavaRDD<List<E>> blocks, ModelSpec<E> spec, Parameters parameters,
                                    int threads) {
        Broadcast<ParameterVector> shared = sc.broadcast(parameters.toVector());
        try {
            return blocks.treeAggregate(new LossTotals(),
                    (acc, block) -> acc.merge(score(block, spec, shared.value(), threads)), LossTotals::merge);
        } finally {
            shared.destroy();
        }
    }

    private static <E> LossTotals score(List<E> block, ModelSpec<E> spec, ParameterVector vector, int threads) {
        EngineThreads.use(threads);
        return new ExampleScorer<>(spec, ExecutorModels.math(spec)).score(block, vector.toParameters());
    }
}
