package org.sparkrnnlm.jobs.distributed;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.sparkrnnlm.core.tensor.ParameterVector;
import scala.collection.Iterator;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * One training round as one Spark job over the cached blocks. Up to {@link #directMergeMaxPartitions}
 * partitions it is a plain {@code SparkContext.runJob} with named function classes: the driver keeps
 * each partition's result and merges them in partition order. RDD operators cost more per round:
 * Spark's closure cleaner reads the class files of their Scala closures with ASM on every job (about
 * 10 ms a round at batch 32, JFR), it skips named classes, and treeAggregate's second level (from 7
 * partitions) is a shuffle stage of double partial sums, twice the bytes of the partitions' results.
 * Beyond that many partitions the tree keeps the driver's inbound bytes down.
 */
final class RoundJob<E> {
    /** Spark setting: the most partitions whose results the driver merges directly. */
    static final String DIRECT_MERGE_MAX_PARTITIONS_KEY = "spark.rnnlm.distributed.directMergeMaxPartitions";
    static final int DEFAULT_DIRECT_MERGE_MAX_PARTITIONS = 32;

    private final JavaRDD<List<E>> blocks;
    private final int directMergeMaxPartitions;

    RoundJob(JavaRDD<List<E>> blocks, SparkConf conf) {
        this.blocks = blocks;
        this.directMergeMaxPartitions = directMergeMaxPartitions(conf);
    }

    static int directMergeMaxPartitions(SparkConf conf) {
        return conf.getInt(DIRECT_MERGE_MAX_PARTITIONS_KEY, DEFAULT_DIRECT_MERGE_MAX_PARTITIONS);
    }

    /**
     * Each partition's result of {@code work} in partition order, or beyond {@link #directMergeMaxPartitions}
     * their tree-merged sum alone; a retried task's result replaces its failed attempt's.
     */
    ParameterSum[] parts(PartitionRound<E> work) {
        int n = blocks.getNumPartitions();
        if (n > directMergeMaxPartitions) {
            return new ParameterSum[] {blocks.mapPartitionsWithIndex((p, it) -> java.util.Collections.singletonList(work.run(p, it)).iterator(), true)
                    .treeAggregate(new ParameterSum(), ParameterSum::merge, ParameterSum::merge)};
        }
        ParameterSum[] results = new ParameterSum[n];
        ClassTag<ParameterSum> tag = ClassTag$.MODULE$.apply(ParameterSum.class);
        blocks.context().runJob(blocks.rdd(), new OnPartition<>(work), new Keep(results), tag);
        return results;
    }

    /** What a round does on one partition's block, at the broadcast parameters. */
    static final class PartitionRound<E> implements Serializable {
        private static final long serialVersionUID = 1L;
        private final Broadcast<ParameterVector> shared;
        private final Long seed;
        private final int threads;
        private final FaultInjection faults;
        private final int epoch;
        private final int round;
        private final DistributedBackend.BlockTask<E> task;

        PartitionRound(Broadcast<ParameterVector> shared, Long seed, int threads, FaultInjection faults, int epoch, int round,
                       DistributedBackend.BlockTask<E> task) {
            this.shared = shared;
            this.seed = seed;
            this.threads = threads;
            this.faults = faults;
            this.epoch = epoch;
            this.round = round;
            this.task = task;
        }

        ParameterSum run(int partition, java.util.Iterator<List<E>> blocks) {
            faults.maybeFail(epoch, round, partition);
            EngineThreads.use(threads);
            long start = System.nanoTime();
            ParameterSum acc = new ParameterSum();
            while (blocks.hasNext()) {
                acc = task.run(acc, partition, ExampleBlocks.epochOrder(blocks.next(), seed, epoch, partition), shared.value());
            }
            return acc.timed(System.nanoTime() - start);
        }
    }

    private static final class OnPartition<E> extends AbstractFunction2<TaskContext, Iterator<List<E>>, ParameterSum>
            implements Serializable {
        private static final long serialVersionUID = 1L;
        private final PartitionRound<E> work;

        OnPartition(PartitionRound<E> work) {
            this.work = work;
        }

        @Override
        public ParameterSum apply(TaskContext context, Iterator<List<E>> blocks) {
            // By hand: Scala's Java converters differ between 2.12 and 2.13, and both builds must compile.
            return work.run(context.partitionId(), new java.util.Iterator<>() {
                @Override
                public boolean hasNext() {
                    return blocks.hasNext();
                }

                @Override
                public List<E> next() {
                    return blocks.next();
                }
            });
        }
    }

    /** Driver side: each partition's result in its slot; Spark hands over one result per partition. */
    private static final class Keep extends AbstractFunction2<Object, ParameterSum, BoxedUnit> {
        private final ParameterSum[] results;

        Keep(ParameterSum[] results) {
            this.results = results;
        }

        @Override
        public BoxedUnit apply(Object partition, ParameterSum result) {
            results[(Integer) partition] = result;
            return BoxedUnit.UNIT;
        }
    }
}
