package org.sparkrnnlm.core.train;

import java.io.Serializable;
import org.sparkrnnlm.core.optim.LearningRateSchedule;

/**
 * The learning rate of each step of an epoch, or of one partition's share of it. Step j stands for
 * the run's example {@code first + j * stride}; under {@link LearningRateSchedule#LINEAR} its rate is
 * {@code base * (1 - example / total)}. Sequential training, one partition's rounds and gradient
 * mode's batches all count examples this way, so they take the same rate at the same example.
 */
public record StepRates(double base, LearningRateSchedule schedule, long first, long stride, long total) implements Serializable {
    public StepRates {
        if (schedule == LearningRateSchedule.LINEAR && total < 1) throw new IllegalArgumentException("a linear schedule needs examples, got " + total);
    }

    /** One rate for every step. */
    public static StepRates constant(double rate) {
        return new StepRates(rate, LearningRateSchedule.CONSTANT, 0, 1, 1);
    }

    /** Epoch {@code epoch} (from 0) of {@code epochs}, each of {@code examplesPerEpoch} examples. */
    public static StepRates ofEpoch(double base, LearningRateSchedule schedule, int epoch, int epochs, long examplesPerEpoch) {
        return new StepRates(base, schedule, epoch * examplesPerEpoch, 1, Math.max(1, (long) Math.max(epochs, epoch + 1) * examplesPerEpoch));
    }

    public boolean isConstant() {
        return schedule == LearningRateSchedule.CONSTANT;
    }

    /** The rate of step j. */
    public double at(long j) {
        return isConstant() ? base : base * (1 - (double) (first + j * stride) / total);
    }

    /** The rates of a share whose step j is this epoch's step {@code start + j * every}. */
    public StepRates share(long start, long every) {
        return new StepRates(base, schedule, first + start * stride, stride * every, total);
    }
}
