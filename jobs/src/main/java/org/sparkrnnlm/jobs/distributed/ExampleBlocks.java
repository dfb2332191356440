package org.sparkrnnlm.jobs.distributed;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Examples (sentences, sequences) laid out for training: partition p holds one block, the p-th
 * contiguous run of the input in input order. So the layout depends only on the data and the
 * partition count, never on how the input files happened to be split, and one partition holds
 * the whole input in order.
 */
public final class ExampleBlocks {
    private ExampleBlocks() {
    }

    public static <E> JavaRDD<List<E>> of(JavaRDD<E> examples, int partitions) {
        long total = examples.count();
        return examples.zipWithIndex()
                .mapToPair(p -> new Tuple2<>((int) (p._2() * partitions / Math.max(1, total)), new Tuple2<>(p._2(), p._1())))
                .partitionBy(new HashPartitioner(partitions))
                .mapPartitions(ExampleBlocks::<E>block, true)
                .persist(StorageLevel.MEMORY_AND_DISK());
    }

    private static <E> Iterator<List<E>> block(Iterator<Tuple2<Integer, Tuple2<Long, E>>> rows) {
        List<Tuple2<Long, E>> list = new ArrayList<>();
        rows.forEachRemaining(r -> list.add(r._2()));
        list.sort((a, b) -> Long.compare(a._1(), b._1()));
        List<E> block = new ArrayList<>(list.size());
        for (Tuple2<Long, E> row : list) block.add(row._2());
        return Collections.singletonList(block).iterator();
    }

    /** The order a partition visits its block in an epoch: input order, or a seeded shuffle. */
    public static <E> List<E> epochOrder(List<E> block, Long shuffleSeed, int epoch, int partition) {
        if (shuffleSeed == null) return block;
        List<E> order = new ArrayList<>(block);
        Collections.shuffle(order, new Random(shuffleSeed + epoch + 7919L * partition));
        return order;
    }
}
