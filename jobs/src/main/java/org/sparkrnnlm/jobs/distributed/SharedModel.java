package org.sparkrnnlm.jobs.distributed;

import java.io.Serializable;
import java.util.Iterator;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.sparkrnnlm.core.tensor.ParameterVector;
import org.sparkrnnlm.core.tensor.Parameters;
import org.sparkrnnlm.core.train.ExampleScorer;
import org.sparkrnnlm.core.train.LossTotals;
import org.sparkrnnlm.core.train.ModelSpec;

/**
 * A model broadcast once to the executors for forward passes: every task takes the parameters from
 * the broadcast and the engine its thread already holds ({@link ExecutorModels}), so nothing is
 * built per example. Close it on the driver when the jobs that use it are done. The object itself
 * (spec, broadcast handle, thread count) travels in task closures.
 */
public final class SharedModel<E> implements Serializable, AutoCloseable {
    private static final long serialVersionUID = 1L;
    private final ModelSpec<E> spec;
    private final Broadcast<ParameterVector> parameters;
    private final int threads;

    private SharedModel(ModelSpec<E> spec, Broadcast<ParameterVector> parameters, int threads) {
        this.spec = spec;
        this.parameters = parameters;
        this.threads = threads;
    }

    /** Broadcasts the parameters; tasks use {@code threads} BLAS threads each. */
    public static <E> SharedModel<E> broadcast(JavaSparkContext sc, ModelSpec<E> spec, Parameters parameters, int threads) {
        return new SharedModel<>(spec, sc.broadcast(parameters.toVector()), threads);
    }

    /** The model as a task sees it: call on an executor, once per task. */
    public Local<E> local() {
        EngineThreads.use(threads);
        return new Local<>(new ExampleScorer<>(spec, ExecutorModels.math(spec)), parameters.value().toParameters());
    }

    /** Each partition's items turned into results by {@code scoring}, with the partition's model. */
    public <T, R> JavaRDD<R> mapPartitions(JavaRDD<T> items, PartitionScoring<T, E, R> scoring) {
        SharedModel<E> shared = this;
        return items.mapPartitions(it -> scoring.apply(it, shared.local()));
    }

    /** What a task does with its partition's items given the model. */
    public interface PartitionScoring<T, E, R> extends Serializable {
        Iterator<R> apply(Iterator<T> items, Local<E> model) throws Exception;
    }

    /** The model in one task: forward passes at the broadcast parameters. */
    public static final class Local<E> {
        private final ExampleScorer<E> scorer;
        private final Parameters parameters;

        private Local(ExampleScorer<E> scorer, Parameters parameters) {
            this.scorer = scorer;
            this.parameters = parameters;
        }

        /** The example's loss summed over its targets (a sentence: minus its log-probability in nats). */
        public double loss(E example) {
            return scorer.loss(example, parameters);
        }

        public int targets(E example) {
            return scorer.targets(example);
        }

        public LossTotals score(Iterable<E> examples) {
            return scorer.score(examples, parameters);
        }
    }

    @Override
    public void close() {
        parameters.destroy();
    }
}
