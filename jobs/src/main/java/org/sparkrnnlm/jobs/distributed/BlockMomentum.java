package org.sparkrnnlm.jobs.distributed;

import java.util.LinkedHashMap;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sparkrnnlm.core.optim.Optimizer;
import org.sparkrnnlm.core.tensor.Parameters;

/**
 * Blockwise model-update filtering (Chen and Huo, ICASSP 2016) in its Nesterov form. Each round
 * starts from {@code start = theta + m D}; after it the driver filters the partitions' average
 * instead of taking it: {@code D = m D + z (average - start)}, {@code theta = theta + D}. Plain
 * averaging throws away most of what each partition learned; the momentum carries it into the
 * next rounds.
 *
 * <p>The block's update is measured from where the partitions started, as in the paper
 * ({@code G(t) = average - W_g(t-1)}) and in CNTK's BMUF. Measured from theta instead, it would
 * count m D twice (the momentum step is already in the start point): an effective momentum of
 * 2m, which diverged at m = 0.75 on 4 partitions. With m = 0 the two are the same.
 *
 * <p>Only the weights are filtered. The update rules' state (Adagrad's sums, Adam's moments and
 * step count) is averaged as in plain averaging: it describes the gradients' scale, not a
 * direction to carry on in. The filter state D rides in the training {@link Parameters} as
 * {@code <weight>.block_delta} arrays, so the divergence guard's snapshots and the checkpoints
 * hold it as they hold the rules' state; the weights there are theta, the model that is
 * evaluated and published. theta and D are kept in the model's dtype and the starting point is
 * recomputed from them each round, so a resumed run starts its rounds exactly where the
 * uninterrupted run would have. Arithmetic is in double, rounded once to the dtype.
 */
public record BlockMomentum(double momentum, double learningRate) {
    /** Plain averaging: the filter is the identity and keeps no state. */
    public static final BlockMomentum OFF = new BlockMomentum(0, 1);
    static final String SUFFIX = "block_delta";

    public BlockMomentum {
        if (!(momentum >= 0 && momentum < 1)) throw new IllegalArgumentException("block momentum must be in [0, 1), got " + momentum);
        if (!(learningRate > 0 && learningRate < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("block learning rate must be a positive number, got " + learningRate);
        }
    }

    /** Chen and Huo's choice for N partitions: {@code 1 - 1/N}, with block learning rate 1. */
    public static BlockMomentum auto(int partitions) {
        return new BlockMomentum(1 - 1.0 / partitions, 1);
    }

    /**
     * {@link #auto(int)} for SGD; for Adagrad and Adam {@code 1 - 2/N} (0 up to 2 partitions), so
     * that the filtered steps add up to about half the partitions' total progress. Their steps keep
     * about the same size whatever the gradient's, so a round's update does not shrink near a
     * minimum, and at the full {@code 1 - 1/N} the filter overshoots. Measured on the Brown split,
     * Adam with the class softmax at its defaults, 2 epochs: 16 partitions with m = 0.9375 diverged in
     * the first epoch (232 at the end), with 0.875 gave 113.9; 8 partitions with 0.875 gave 171.5, with 0.75 109.8;
     * one partition 110.5.
     */
    public static BlockMomentum auto(int partitions, Optimizer rule) {
        if (rule == Optimizer.SGD) return auto(partitions);
        return new BlockMomentum(Math.max(0, 1 - 2.0 / partitions), 1);
    }

    /**
     * With m = 0 and z = 1 the rule reduces to theta = average; it is then skipped, not computed,
     * so plain averaging stays bit for bit what it was (theta + (average - theta) rounds).
     */
    public boolean off() {
        return momentum == 0 && learningRate == 1;
    }

    public static boolean isState(String name) {
        return name.endsWith("." + SUFFIX);
    }

    /** The block-filter arrays alone (empty when there are none). */
    public static Parameters state(Parameters all) {
        return select(all, true);
    }

    /** Everything but the block-filter arrays. */
    public static Parameters withoutState(Parameters all) {
        return select(all, false);
    }

    /** The training parameters with D = 0 for every weight array, or unchanged when the filter is off. */
    public Parameters withZeroState(Parameters all) {
        if (off()) return all;
        LinkedHashMap<String, INDArray> arrays = arrays(all);
        for (String w : weightNames(all)) {
            INDArray a = all.get(w);
            arrays.put(stateName(w), Nd4j.create(a.dataType(), a.shape(), a.ordering()));
        }
        return new Parameters(all.dtype(), arrays);
    }

    /** The training parameters with the given D arrays (from a checkpoint), which must match the weights. */
    public static Parameters withState(Parameters all, Parameters state) {
        LinkedHashMap<String, INDArray> arrays = arrays(all);
        for (String w : weightNames(all)) {
            INDArray d = state.get(stateName(w));
            if (!java.util.Arrays.equals(d.shape(), all.get(w).shape())) {
                throw new IllegalArgumentException(stateName(w) + " has shape " + java.util.Arrays.toString(d.shape()));
            }
            arrays.put(stateName(w), d);
        }
        if (state.names().size() != weightNames(all).size()) {
            throw new IllegalArgumentException("the block state holds " + state.names() + ", the weights are " + weightNames(all));
        }
        return new Parameters(all.dtype(), arrays);
    }

    /** What a round broadcasts: weights theta + m D, the rules' state as it is, no D. */
    public Parameters startOfRound(Parameters all) {
        if (off()) return all;
        LinkedHashMap<String, INDArray> arrays = new LinkedHashMap<>();
        for (String name : withoutState(all).names()) {
            INDArray a = all.get(name);
            if (!isWeight(name)) {
                arrays.put(name, a);
                continue;
            }
            arrays.put(name, array(start(values(a), values(all.get(stateName(name)), a.ordering()), a), a));
        }
        return new Parameters(all.dtype(), arrays);
    }

    /**
     * The filter step after a round: {@code all} holds theta and D, {@code average} the partitions'
     * average (weights and rules' state) from the round's start. Returns theta + D and the new D,
     * with the averaged state.
     */
    public Parameters update(Parameters all, Parameters average) {
        if (off()) return average;
        LinkedHashMap<String, INDArray> next = new LinkedHashMap<>();
        for (String w : weightNames(all)) {
            INDArray like = all.get(w);
            double[] theta = values(like);
            double[] delta = values(all.get(stateName(w)), like.ordering());
            double[] avg = values(average.get(w), like.ordering());
            double[] start = start(theta, delta, like);
            for (int i = 0; i < theta.length; i++) {
                delta[i] = momentum * delta[i] + learningRate * (avg[i] - start[i]);
                theta[i] = theta[i] + delta[i];
            }
            next.put(w, array(theta, like));
            next.put(stateName(w), array(delta, like));
        }
        LinkedHashMap<String, INDArray> arrays = new LinkedHashMap<>();
        for (String name : all.names()) arrays.put(name, next.containsKey(name) ? next.get(name) : average.get(name));
        return new Parameters(all.dtype(), arrays);
    }

    /** theta + m D as broadcast: rounded to the dtype of {@code like}, the values the partitions start from. */
    private double[] start(double[] theta, double[] delta, INDArray like) {
        boolean single = like.dataType() != DataType.DOUBLE;
        double[] start = new double[theta.length];
        for (int i = 0; i < start.length; i++) {
            double v = theta[i] + momentum * delta[i];
            start[i] = single ? (float) v : v;
        }
        return start;
    }

    private static String stateName(String weight) {
        return weight + "." + SUFFIX;
    }

    /** Weights are the arrays without a dot in their name (see OptimizerState). */
    private static boolean isWeight(String name) {
        return name.indexOf('.') < 0;
    }

    private static java.util.List<String> weightNames(Parameters all) {
        return all.names().stream().filter(BlockMomentum::isWeight).toList();
    }

    /**
     * The values in storage order as doubles (exact for float32). Plain loops over flat copies: ND4J
     * ops with casts took about a second per round for a C=8000, H=100 model.
     */
    private static double[] values(INDArray a) {
        return values(a, a.ordering());
    }

    /** The values in the given storage order, so that two arrays' elements line up by index. */
    private static double[] values(INDArray a, char order) {
        INDArray dense = a.ordering() == order && !a.isView() ? a : a.dup(order);
        return dense.data().asDouble();
    }

    /** Doubles rounded to the dtype of {@code like}, in its shape and storage order. */
    private static INDArray array(double[] values, INDArray like) {
        if (like.dataType() == DataType.DOUBLE) return Nd4j.create(values, like.shape(), like.ordering());
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) f[i] = (float) values[i];
        return Nd4j.create(f, like.shape(), like.ordering());
    }

    private static LinkedHashMap<String, INDArray> arrays(Parameters all) {
        LinkedHashMap<String, INDArray> arrays = new LinkedHashMap<>();
        for (String name : all.names()) arrays.put(name, all.get(name));
        return arrays;
    }

    private static Parameters select(Parameters all, boolean state) {
        LinkedHashMap<String, INDArray> arrays = new LinkedHashMap<>();
        for (String name : all.names()) if (isState(name) == state) arrays.put(name, all.get(name));
        return new Parameters(all.dtype(), arrays);
    }
}
