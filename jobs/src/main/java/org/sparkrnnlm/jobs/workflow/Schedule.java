package org.sparkrnnlm.jobs.workflow;

import static org.sparkrnnlm.jobs.settings.InvalidSettingException.require;

import org.sparkrnnlm.core.optim.LearningRateSchedule;
import org.sparkrnnlm.core.optim.OptimizerSettings;
import org.sparkrnnlm.core.train.Annealing;
import org.sparkrnnlm.core.train.TrainingLoop;

/** How a model trains and when: the update rule, its learning rate and how it falls, the epochs. */
public record Schedule(OptimizerSettings optimizer, double learningRate, int epochs, int evaluateEvery, double annealThreshold,
                       LearningRateSchedule decay) {

    /** With a constant rate between annealing steps. */
    public Schedule(OptimizerSettings optimizer, double learningRate, int epochs, int evaluateEvery, double annealThreshold) {
        this(optimizer, learningRate, epochs, evaluateEvery, annealThreshold, LearningRateSchedule.CONSTANT);
    }

    public Schedule {
        require(annealThreshold >= 0 && !Double.isInfinite(annealThreshold),
                "--anneal-threshold must be a number of at least 0, got " + annealThreshold);
        require(learningRate > 0 && !Double.isInfinite(learningRate), "--lr must be a positive number, got " + learningRate);
        require(epochs >= 0, "--epochs must be at least 0, got " + epochs);
        require(evaluateEvery >= 1, "--evaluate-every must be at least 1, got " + evaluateEvery);
        require(optimizer != null, "an optimizer is required");
        require(decay != null, "a learning-rate schedule is required");
    }

    public TrainingLoop loop() {
        return new TrainingLoop(epochs, evaluateEvery, Annealing.withThreshold(learningRate, annealThreshold)).schedule(decay);
    }

    RunIdentity addTo(RunIdentity id) {
        if (!optimizer.equals(OptimizerSettings.SGD)) id.add("optimizer", optimizer);
        // Constant runs keep the identities they had before schedules existed.
        if (decay != LearningRateSchedule.CONSTANT) id.add("lrSchedule", decay);
        return id.add("lr", learningRate).add("epochs", epochs).add("evaluateEvery", evaluateEvery)
                .add("annealThreshold", annealThreshold);
    }
}
