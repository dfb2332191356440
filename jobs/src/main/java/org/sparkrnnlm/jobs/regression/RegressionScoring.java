package org.sparkrnnlm.jobs.regression;

import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.sparkrnnlm.core.regression.RegressionGradient;
import org.sparkrnnlm.core.regression.RegressionSpec;
import org.sparkrnnlm.core.regression.RegressionTotals;
import org.sparkrnnlm.core.regression.RnnRegressionModel;
import org.sparkrnnlm.core.regression.Sequence;
import org.sparkrnnlm.core.tensor.ParameterVector;
import org.sparkrnnlm.core.tensor.Parameters;
import org.sparkrnnlm.jobs.distributed.EngineThreads;
import org.sparkrnnlm.jobs.distributed.ExecutorModels;
import scala.Tuple2;

/** A trained regression model applied to sequences on the executors: its figures, or its predictions. */
public final class RegressionScoring {
    private RegressionScoring() {
    }

    /** MSE and R^2 over the sequences, summed with treeAggregate. */
    public static RegressionTotals evaluate(JavaSparkContext sc, JavaRDD<Sequence> sequences, RnnRegressionModel model, int threads) {
        Broadcast<ParameterVector> shared = sc.broadcast(model.parameters().toVector());
        RegressionSpec spec = model.spec();
        try {
            return sequences.mapPartitions(it -> {
                EngineThreads.use(threads);
                Parameters p = shared.value().toParameters();
                RegressionGradient math = engine(spec);
                RegressionTotals totals = new RegressionTotals();
                it.forEachRemaining(s -> totals.add(math.predict(s, p), s.target(), spec.outputSize()));
                return List.of(totals).iterator();
            }).treeAggregate(new RegressionTotals(), RegressionTotals::merge, RegressionTotals::merge);
        } finally {
            shared.destroy();
        }
    }

    /**
     * Each sequence with its prediction (K values per output step), in the input's order. The
     * broadcast lives until the caller has consumed the result, so it is not destroyed here.
     */
    public static JavaRDD<Tuple2<Sequence, double[]>> predict(JavaSparkContext sc, JavaRDD<Sequence> sequences,
                                                             RnnRegressionModel model, int threads) {
        Broadcast<ParameterVector> shared = sc.broadcast(model.parameters().toVector());
        RegressionSpec spec = model.spec();
        return sequences.mapPartitions(it -> {
            EngineThreads.use(threads);
            Parameters p = shared.value().toParameters();
            RegressionGradient math = engine(spec);
            return new Iterator<Tuple2<Sequence, double[]>>() {
                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public Tuple2<Sequence, double[]> next() {
                    Sequence s = it.next();
                    return new Tuple2<>(s, math.predict(s, p));
                }
            };
        }, true);
    }

    /** The spec's engine, shared with training's per-thread cache. */
    private static RegressionGradient engine(RegressionSpec spec) {
        return (RegressionGradient) ExecutorModels.math(spec);
    }
}
