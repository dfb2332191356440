package org.sparkrnnlm.core.train;

import java.util.ArrayList;
import java.util.List;

/**
 * The minibatches of an epoch over examples held in blocks (one per partition): {@code R = ceil(N / B)}
 * batches, batch b taking from every block p its examples {@code [floor(b n_p / R), floor((b + 1) n_p / R))}.
 * So every partition works in every round, each block gives every batch its share {@code n_p / R} to
 * within one example (batches hold N / R <= B examples on average), and a single block is cut into R
 * consecutive batches of nearly equal size.
 */
public final class MinibatchPlan implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final long[] blockSizes;
    private final int batches;

    private MinibatchPlan(long[] blockSizes, int batches) {
        this.blockSizes = blockSizes;
        this.batches = batches;
    }

    public static MinibatchPlan of(long[] blockSizes, int batchSize) {
        if (batchSize < 1) throw new IllegalArgumentException("a batch holds at least one example, got " + batchSize);
        long total = 0;
        for (long n : blockSizes) total += n;
        return new MinibatchPlan(blockSizes.clone(), Math.toIntExact(Math.max(1, (total + batchSize - 1) / batchSize)));
    }

    public int batches() {
        return batches;
    }

    /** First index in block {@code block} of batch {@code batch} ({@code batch == batches()}: the block's size). */
    public int from(int block, int batch) {
        return Math.toIntExact(batch * blockSizes[block] / batches);
    }

    /** Examples in batch {@code batch}, over all blocks. */
    public long examples(int batch) {
        long n = 0;
        for (int p = 0; p < blockSizes.length; p++) n += from(p, batch + 1) - from(p, batch);
        return n;
    }

    /** Batch {@code batch} as one list: each block's share in block order. */
    public <E> List<E> batch(List<List<E>> blocks, int batch) {
        List<E> out = new ArrayList<>();
        for (int p = 0; p < blocks.size(); p++) out.addAll(blocks.get(p).subList(from(p, batch), from(p, batch + 1)));
        return out;
    }
}
