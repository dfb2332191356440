package org.sparkrnnlm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sparkrnnlm.core.optim.LearningRateSchedule;
import org.sparkrnnlm.jobs.workflow.Schedule;
import org.sparkrnnlm.jobs.settings.InvalidSettingException;
import picocli.CommandLine;

/**
 * Adam on the class-factored softmax, or in gradient mode's minibatches, falls linearly from 0.006 in
 * train unless told otherwise; everything else keeps a constant rate.
 */
class LearningRateScheduleOptionTest {
    private static TrainCommand train(String... more) {
        TrainCommand train = new TrainCommand();
        String[] base = {"--data", "d.txt", "--output", "out"};
        String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(more)).toArray(String[]::new);
        new CommandLine(train).parseArgs(args);
        return train;
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({"sgd,full,,CONSTANT", "adagrad,class,,CONSTANT", "adam,full,,LINEAR", "adam,class,,LINEAR", "adam,class,constant,CONSTANT",
            "adam,full,constant,CONSTANT", "sgd,full,linear,LINEAR"})
    void trainDefaultsToALinearRateOnlyForAdam(String optimizer, String softmax, String flag, LearningRateSchedule expected) {
        TrainCommand train = flag == null ? train("--optimizer", optimizer, "--softmax", softmax)
                : train("--optimizer", optimizer, "--softmax", softmax, "--lr-schedule", flag);
        assertEquals(expected, train.settings().schedule().decay());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"full,0.004", "class,0.006"})
    void adamInTrainStartsFromTheRateTunedForItsSoftmax(String softmax, double rate) {
        assertEquals(rate, train("--optimizer", "adam", "--softmax", softmax).settings().schedule().learningRate());
    }

    @ParameterizedTest(name = "{0} {1} -> {2} {3}")
    @CsvSource({"full,average,0.004,LINEAR", "full,gradient,0.006,LINEAR", "class,gradient,0.006,LINEAR"})
    void adamInMinibatchesFallsLinearlyFrom0006WithEitherSoftmax(String softmax, String mode, double rate, LearningRateSchedule decay) {
        Schedule schedule = train("--optimizer", "adam", "--softmax", softmax, "--mode", mode).settings().schedule();
        assertEquals(rate, schedule.learningRate());
        assertEquals(decay, schedule.decay());
    }

    @Test
    void sgdInGradientModeKeepsTheTutorialsConstantRate() {
        Schedule schedule = train("--mode", "gradient").settings().schedule();
        assertEquals(0.005, schedule.learningRate());
        assertEquals(LearningRateSchedule.CONSTANT, schedule.decay());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"adam,,CONSTANT", "adam,linear,LINEAR"})
    void trainRegressionKeepsAConstantRateUnlessAsked(String optimizer, String flag, LearningRateSchedule expected) {
        TrainRegressionCommand train = new TrainRegressionCommand();
        if (flag == null) {
            new CommandLine(train).parseArgs("--data", "d.jsonl", "--output", "out", "--optimizer", optimizer);
        } else {
            new CommandLine(train).parseArgs("--data", "d.jsonl", "--output", "out", "--optimizer", optimizer, "--lr-schedule", flag);
        }
        assertEquals(expected, train.settings().schedule().decay());
    }

    @Test
    void anUnknownScheduleIsAUsageErrorNamingTheFlag() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> train("--lr-schedule", "cosine").settings());
        assertTrue(e.getMessage().startsWith("--lr-schedule: unknown learning-rate schedule 'cosine'"), e.getMessage());
    }
}
