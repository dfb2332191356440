package org.sparkrnnlm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** The adaptive rules shuffle each epoch unless told not to; the tutorial's SGD keeps the input order. */
class ShuffleDefaultTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({"sgd,,false", "adam,,true", "adagrad,,true", "adam,--no-shuffle,false", "sgd,--shuffle,true"})
    void trainShufflesByDefaultOnlyWithAnAdaptiveRule(String optimizer, String flag, boolean shuffled) {
        TrainCommand train = new TrainCommand();
        String[] args = flag == null
                ? new String[] {"--data", "d.txt", "--output", "out", "--optimizer", optimizer}
                : new String[] {"--data", "d.txt", "--output", "out", "--optimizer", optimizer, flag};
        new CommandLine(train).parseArgs(args);
        assertEquals(shuffled, train.settings().distributed().shuffle());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"sgd,false", "adam,true"})
    void trainRegressionFollowsTheSameDefault(String optimizer, boolean shuffled) {
        TrainRegressionCommand train = new TrainRegressionCommand();
        new CommandLine(train).parseArgs("--data", "d.jsonl", "--output", "out", "--optimizer", optimizer);
        assertEquals(shuffled, train.settings().distributed().shuffle());
    }
}
