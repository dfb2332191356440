package org.sparkrnnlm.jobs.distributed;

import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.VoidFunction;
import org.apache.spark.serializer.SerializerInstance;
import org.sparkrnnlm.core.tensor.ParameterVector;
import org.sparkrnnlm.core.tensor.Parameters;
import org.sparkrnnlm.core.tensor.RawParameters;
import org.sparkrnnlm.core.train.MinibatchPlan;
import org.sparkrnnlm.core.train.ModelSpec;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * One partition's whole epoch of gradient mode over the round channel: it orders its block once,
 * then for each order sums the gradient of its share of that round's minibatch at the order's
 * parameters ({@link GradientBackend#share}) and sends it back, until the order to end.
 */
final class ChannelTask<E> implements VoidFunction<Iterator<List<E>>> {
    private static final long serialVersionUID = 1L;
    private static final ClassTag<ParameterSum> SUM = ClassTag$.MODULE$.apply(ParameterSum.class);
    private final RoundChannel.Endpoint endpoint;
    /** The weights' layout: orders carry raw values ({@link RawParameters}). */
    private final ParameterVector layout;
    private final ModelSpec<E> spec;
    private final MinibatchPlan plan;
    private final Long seed;
    private final int threads;
    private final FaultInjection faults;
    private final int epoch;
    /** The weights and gradient buffers, reused from round to round. */
    private transient Parameters weights;
    private transient Parameters gradient;

    ChannelTask(RoundChannel.Endpoint endpoint, ParameterVector layout, ModelSpec<E> spec, MinibatchPlan plan, Long seed, int threads, FaultInjection faults,
                int epoch) {
        this.endpoint = endpoint;
        this.layout = layout;
        this.spec = spec;
        this.plan = plan;
        this.seed = seed;
        this.threads = threads;
        this.faults = faults;
        this.epoch = epoch;
    }

    @Override
    public void call(Iterator<List<E>> blocks) throws Exception {
        int partition = TaskContext.getPartitionId();
        EngineThreads.use(threads);
        List<E> order = ExampleBlocks.epochOrder(blocks.hasNext() ? blocks.next() : List.of(), seed, epoch, partition);
        SerializerInstance serializer = SparkEnv.get().serializer().newInstance();
        try (RoundChannelClient driver = RoundChannelClient.connect(endpoint, partition)) {
            for (Frames.Frame f = driver.next(); f.round() != Frames.END; f = driver.next()) {
                faults.maybeFail(epoch, f.round(), partition);
                long start = System.nanoTime();
                ParameterSum share = share(order.subList(plan.from(partition, f.round()), plan.from(partition, f.round() + 1)), f);
                ByteBuffer result = serializer.serialize(share.timed(System.nanoTime() - start), SUM);
                driver.send(f.round(), result);
            }
        }
    }

    private ParameterSum share(List<E> share, Frames.Frame order) {
        if (share.isEmpty()) return new ParameterSum();
        if (weights == null) {
            weights = layout.allocate();
            gradient = weights.zerosLike();
        } else {
            for (String name : gradient.names()) gradient.get(name).assign(0);
        }
        RawParameters.decode(order.buffer(), weights);
        return GradientBackend.share(new ParameterSum(), spec, share, weights, gradient);
    }
}
