package org.sparkrnnlm.core.train;

/**
 * The tutorial's schedule: halve the learning rate whenever an evaluated loss is above the previous
 * one. A threshold above 0 ignores rises of less than that fraction of the previous loss: on a
 * loss that starts flat (a regression still predicting the mean) every wobble would otherwise
 * halve the rate before learning begins.
 */
public final class Annealing {
    private final double threshold;
    private double learningRate;
    private double previousLoss = Double.NaN;

    public Annealing(double learningRate) {
        this(learningRate, Double.NaN, 0.0);
    }

    /** A fresh schedule that halves only on rises above {@code threshold} times the previous loss. */
    public static Annealing withThreshold(double learningRate, double threshold) {
        return new Annealing(learningRate, Double.NaN, threshold);
    }

    /** Resumes a schedule whose last evaluated loss was {@code previousLoss} (NaN: none yet). */
    public Annealing(double learningRate, double previousLoss, double threshold) {
        if (!(threshold >= 0)) throw new IllegalArgumentException("the annealing threshold must be at least 0, got " + threshold);
        this.learningRate = learningRate;
        this.previousLoss = previousLoss;
        this.threshold = threshold;
    }

    /** Records an evaluated loss and returns whether the rate was halved. */
    public boolean observe(double loss) {
        boolean rose = !Double.isNaN(previousLoss) && loss > previousLoss * (1 + threshold);
        if (rose) learningRate *= 0.5;
        previousLoss = loss;
        return rose;
    }

    /** The same rule continued from a checkpoint: its rate and its last evaluated loss (NaN: none). */
    public Annealing resumedAt(double rate, double lastLoss) {
        return new Annealing(rate, lastLoss, threshold);
    }

    /** The same rule after a rollback to an evaluation whose loss was {@code lastLoss}: half the current rate. */
    public Annealing rolledBackTo(double lastLoss) {
        return new Annealing(learningRate * 0.5, lastLoss, threshold);
    }

    public double threshold() {
        return threshold;
    }

    public double learningRate() {
        return learningRate;
    }
}
