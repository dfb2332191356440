package org.sparkrnnlm.jobs.cli;

import org.sparkrnnlm.core.optim.Optimizer;
import org.sparkrnnlm.jobs.workflow.DistributedSettings;
import picocli.CommandLine.Option;

/**
 * The options of how every model trains on Spark: the distributed mode, partitioning, shuffling,
 * the divergence guard and the output directory with its checkpoints. The model's own settings
 * (sizes, learning rate, epochs) stay with each train command, whose defaults differ.
 */
public final class DistributedTrainingOptions {
    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Output directory: model/, checkpoints/, metrics.jsonl, loss.png.")
    String output;
    @Option(names = "--mode", defaultValue = "average", description = "Distributed algorithm: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    DistributedSettings.Mode mode;
    @Option(names = {"--sentences-per-round", "--examples-per-round"}, paramLabel = "N",
            description = "Examples all partitions train on between two averagings, split among them (default: "
                    + DistributedSettings.DEFAULT_EXAMPLES_PER_ROUND + ").")
    Integer examplesPerRound;
    @Option(names = {"--sentences-per-partition", "--examples-per-partition"}, paramLabel = "N",
            description = "Instead: examples each partition trains on between two averagings, so the round grows with the partitions.")
    Integer examplesPerPartition;
    @Option(names = "--block-momentum", paramLabel = "F|auto",
            description = "Average mode: block momentum m of the filter between rounds, in [0, 1); auto is 1 - 1/partitions, for adagrad and adam 1 - 2/partitions (default: 0, plain averaging).")
    String blockMomentum;
    @Option(names = "--block-lr", paramLabel = "F", description = "Average mode: block learning rate of that filter (default: 1).")
    Double blockLearningRate;
    @Option(names = "--reset-optimizer-state",
            description = "Average mode, adagrad or adam: start every round from zero rule state instead of the averaged state.")
    boolean resetOptimizerState;
    @Option(names = "--batch-size", defaultValue = "100", description = "Examples per minibatch in gradient mode (default: ${DEFAULT-VALUE}).")
    int batchSize;
    @Option(names = "--partitions", description = "Partitions (default: Spark's default parallelism).")
    Integer partitions;
    @Option(names = "--shuffle", negatable = true,
            description = "Shuffle each partition's examples every epoch (default: on with adagrad and adam, input order with sgd as the tutorial).")
    Boolean shuffle;
    @Option(names = "--seed", defaultValue = "10", description = "Seed for initialisation and shuffling (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--divergence-factor", defaultValue = "2.0", description = "A loss above this multiple of the best so far counts as divergence (default: ${DEFAULT-VALUE}).")
    double divergenceFactor;
    @Option(names = "--max-rollbacks", defaultValue = "3", description = "Rollbacks in a row before training gives up (default: ${DEFAULT-VALUE}).")
    int maxRollbacks;
    @Option(names = "--resume", description = "Continue from the newest checkpoint in DIR.")
    boolean resume;
    @Option(names = "--keep-checkpoints", defaultValue = "3", description = "Checkpoints to keep (default: ${DEFAULT-VALUE}).")
    int keepCheckpoints;

    DistributedSettings settings(Optimizer rule) {
        boolean shuffled = shuffle != null ? shuffle : DistributedSettings.shufflesByDefault(rule);
        return new DistributedSettings(output, mode, examplesPerRound, examplesPerPartition, batchSize, partitions, shuffled, seed,
                divergenceFactor, maxRollbacks, resume, keepCheckpoints, blockMomentum, blockLearningRate,
                resetOptimizerState);
    }
}
