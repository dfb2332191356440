package org.sparkrnnlm.core.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.sparkrnnlm.core.optim.OptimizerSettings;
import org.sparkrnnlm.core.tensor.Parameters;

/** Single-threaded training over examples in memory: the reference the distributed modes are held to. */
public final class SequentialBackend<E> implements TrainingBackend {
    private final ModelSpec<E> spec;
    private final List<E> examples;
    private final List<E> evaluation;
    private final ExampleGradient<E> math;
    private final Long shuffleSeed;
    private final Integer batchSize;
    private final long targets;
    private final OptimizerSettings optimizer;
    private final ExampleTraining<E> perExample;
    /** For minibatches over partition-like blocks (see {@link MinibatchPlan}); null: the examples are one block. */
    private List<List<E>> blocks;

    /** @param shuffleSeed null keeps input order; otherwise each epoch is shuffled with seed + epoch */
    public SequentialBackend(ModelSpec<E> spec, List<E> examples, List<E> heldout, Long shuffleSeed) {
        this(spec, examples, heldout, shuffleSeed, null);
    }

    /** @param batchSize null for per-example SGD, else minibatch SGD with batches of this many examples */
    public SequentialBackend(ModelSpec<E> spec, List<E> examples, List<E> heldout, Long shuffleSeed, Integer batchSize) {
        this(spec, examples, heldout, shuffleSeed, batchSize, OptimizerSettings.SGD);
    }

    /** With an update rule: {@code all} passed to {@link #trainEpoch} then holds the weights and the rule's state. */
    public SequentialBackend(ModelSpec<E> spec, List<E> examples, List<E> heldout, Long shuffleSeed, Integer batchSize,
                             OptimizerSettings optimizer) {
        this.optimizer = optimizer;
        this.spec = spec;
        this.examples = examples;
        this.evaluation = heldout == null ? examples : heldout;
        this.math = spec.newGradient();
        this.perExample = new ExampleTraining<>(spec, math, optimizer);
        this.shuffleSeed = shuffleSeed;
        this.batchSize = batchSize;
        this.targets = examples.stream().mapToLong(spec::targets).sum();
    }

    /**
     * Minibatch training in memory with the minibatches gradient mode forms from these blocks (the
     * partitions' blocks, in order), unshuffled: the single-machine twin of a multi-partition run.
     */
    public static <E> SequentialBackend<E> overBlocks(ModelSpec<E> spec, List<List<E>> blocks, int batchSize, OptimizerSettings optimizer) {
        List<E> all = new ArrayList<>();
        blocks.forEach(all::addAll);
        SequentialBackend<E> backend = new SequentialBackend<>(spec, all, null, null, batchSize, optimizer);
        backend.blocks = blocks;
        return backend;
    }

    @Override
    public LossTotals evaluate(Parameters parameters) {
        return new ExampleScorer<>(spec, math).score(evaluation, parameters);
    }

    @Override
    public TrainedEpoch trainEpoch(Parameters parameters, StepRates rates, int epoch) {
        List<E> order = examples;
        if (shuffleSeed != null) {
            order = new ArrayList<>(examples);
            Collections.shuffle(order, new Random(shuffleSeed + epoch));
        }
        LossTotals losses = batchSize == null
                ? perExample.run(order.iterator(), Long.MAX_VALUE, parameters, rates)
                : new MinibatchTraining(optimizer).epochOverBlocks(spec, math, blocks != null ? blocks : List.of(order), batchSize, parameters,
                        rates);
        return new TrainedEpoch(parameters, losses);
    }

    @Override
    public long examplesPerEpoch() {
        return examples.size();
    }

    @Override
    public long targetsPerEpoch() {
        return targets;
    }
}
