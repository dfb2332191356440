package org.sparkrnnlm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sparkrnnlm.core.optim.LearningRateSchedule;
import org.sparkrnnlm.jobs.settings.InvalidSettingException;
import picocli.CommandLine;

/** Adam's rate falls linearly in train unless told otherwise; everything else keeps a constant rate. */
class LearningRateScheduleOptionTest {
    private static TrainCommand train(String... more) {
        TrainCommand train = new TrainCommand();
        String[] base = {"--data", "d.txt", "--output", "out"};
        String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(more)).toArray(String[]::new);
        new CommandLine(train).parseArgs(args);
        return train;
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({"sgd,,CONSTANT", "adagrad,,CONSTANT", "adam,,LINEAR", "adam,constant,CONSTANT", "sgd,linear,LINEAR"})
    void trainDefaultsToALinearRateOnlyForAdam(String optimizer, String flag, LearningRateSchedule expected) {
        TrainCommand train = flag == null ? train("--optimizer", optimizer) : train("--optimizer", optimizer, "--lr-schedule", flag);
        assertEquals(expected, train.settings().schedule().decay());
    }

    @Test
    void adamInTrainStartsFromItsTunedRate() {
        assertEquals(0.006, train("--optimizer", "adam").settings().schedule().learningRate());
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
