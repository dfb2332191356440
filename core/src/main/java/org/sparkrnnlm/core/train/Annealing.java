package org.sparkrnnlm.core.train;

/** The tutorial's schedule: halve the learning rate whenever an evaluated loss is above the previous one. */
public final class Annealing {
    private double learningRate;
    private double previousLoss = Double.NaN;

    public Annealing(double learningRate) {
        this.learningRate = learningRate;
    }

    /** Resumes a schedule whose last evaluated loss was {@code previousLoss}. */
    public Annealing(double learningRate, double previousLoss) {
        this.learningRate = learningRate;
        this.previousLoss = previousLoss;
    }

    /** Records an evaluated loss and returns whether the rate was halved. */
    public boolean observe(double loss) {
        boolean rose = !Double.isNaN(previousLoss) && loss > previousLoss;
        if (rose) learningRate *= 0.5;
        previousLoss = loss;
        return rose;
    }

    public double learningRate() {
        return learningRate;
    }
}
