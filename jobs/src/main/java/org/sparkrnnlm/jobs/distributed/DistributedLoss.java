package org.sparkrnnlm.jobs.distributed;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.sparkrnnlm.core.tensor.Parameters;
import org.sparkrnnlm.core.train.LossTotals;
import org.sparkrnnlm.core.train.ModelSpec;

/** The loss of parameters over example blocks, summed with treeAggregate. */
public final class DistributedLoss {
    private DistributedLoss() {
    }

    public static <E> LossTotals of(JavaSparkContext sc, JavaRDD<List<E>> blocks, ModelSpec<E> spec, Parameters parameters,
                                    int threads) {
        try (SharedModel<E> model = SharedModel.broadcast(sc, spec, parameters, threads)) {
            return blocks.treeAggregate(new LossTotals(), (acc, block) -> acc.merge(model.local().score(block)), LossTotals::merge);
        }
    }
}
