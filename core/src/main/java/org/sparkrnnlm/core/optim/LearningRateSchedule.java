package org.sparkrnnlm.core.optim;

import java.util.Locale;

/**
 * How the learning rate moves within a run, on top of the annealing that halves it: {@code CONSTANT}
 * (the tutorial's), or {@code LINEAR}, falling in a straight line from the rate to 0 over the run's
 * examples (every epoch's, in order), which lets an adaptive rule start larger and still settle.
 */
public enum LearningRateSchedule {
    CONSTANT, LINEAR;

    public static LearningRateSchedule parse(String name) {
        for (LearningRateSchedule s : values()) if (s.lowerCase().equals(name)) return s;
        throw new IllegalArgumentException("unknown learning-rate schedule '" + name + "' (constant or linear)");
    }

    public String lowerCase() {
        return name().toLowerCase(Locale.ROOT);
    }
}
