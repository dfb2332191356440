package org.sparkrnnlm.jobs.cli;

import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.sparkrnnlm.jobs.hadoop.HadoopFileStore;
import org.sparkrnnlm.jobs.regression.DotProductTask;
import org.sparkrnnlm.jobs.settings.InvalidSettingException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Writes a synthetic regression dataset as JSON lines; runs in the driver alone, no Spark. */
@Command(name = "make-dataset", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write a synthetic sequence-regression dataset as JSON lines {\"inputs\": [[...], ...], \"target\": [...]}. "
                + "dot-product: inputs (x0_t, x1_t) uniform in [-1, 1), target the sum over t of x0_t * x1_t.")
public final class MakeDatasetCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "TASK", description = "The task: dot-product.")
    String task;
    @Option(names = "--sequences", required = true, paramLabel = "N", description = "Sequences to write.")
    long sequences;
    @Option(names = "--steps", defaultValue = "10", paramLabel = "T", description = "Steps per sequence (default: ${DEFAULT-VALUE}).")
    int steps;
    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Random seed; another seed gives a held-out set (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--output", required = true, paramLabel = "FILE", description = "File to create (a Hadoop path).")
    String output;
    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() throws Exception {
        if (!task.equals("dot-product")) throw new InvalidSettingException("unknown task '" + task + "': the only task is dot-product");
        if (sequences < 1) throw new InvalidSettingException("--sequences must be at least 1, got " + sequences);
        if (steps < 1) throw new InvalidSettingException("--steps must be at least 1, got " + steps);
        HadoopFileStore store = new HadoopFileStore(new Configuration());
        long written = new DotProductTask(steps).write(store, output, sequences, seed);
        System.err.printf("make-dataset: %,d %s sequences of %d steps (seed %d) written to %s%n", written, task, steps, seed, output);
        return 0;
    }
}
