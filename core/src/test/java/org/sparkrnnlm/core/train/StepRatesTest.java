package org.sparkrnnlm.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.sparkrnnlm.core.optim.LearningRateSchedule;

class StepRatesTest {
    @Test
    void aConstantScheduleGivesTheBaseRateAtEveryStep() {
        StepRates rates = StepRates.ofEpoch(0.004, LearningRateSchedule.CONSTANT, 3, 4, 1000);
        assertEquals(0.004, rates.at(0));
        assertEquals(0.004, rates.at(999));
    }

    @Test
    void aLinearScheduleFallsFromTheBaseRateToZeroOverAllEpochsExamples() {
        // 2 epochs of 10 examples: example k of the run at 0.006 * (1 - k / 20).
        StepRates first = StepRates.ofEpoch(0.006, LearningRateSchedule.LINEAR, 0, 2, 10);
        StepRates second = StepRates.ofEpoch(0.006, LearningRateSchedule.LINEAR, 1, 2, 10);
        assertEquals(0.006, first.at(0));
        assertEquals(0.006 * (1 - 5 / 20.0), first.at(5));
        assertEquals(0.006 * (1 - 10 / 20.0), second.at(0));
        assertEquals(0.006 * (1 - 19 / 20.0), second.at(9));
    }

    @Test
    void aPartitionsShareTakesTheRateOfTheExampleItStandsFor() {
        StepRates epoch = StepRates.ofEpoch(1.0, LearningRateSchedule.LINEAR, 1, 2, 100);
        // A round starting after 40 examples of the epoch, 4 partitions: step j is the epoch's example 40 + 4 j.
        StepRates share = epoch.share(40, 4);
        for (int j = 0; j < 5; j++) assertEquals(epoch.at(40 + 4L * j), share.at(j));
        assertEquals(1.0 - (100 + 48) / 200.0, share.at(2), 1e-15);
    }

    @Test
    void oneSharePerRoundOfOnePartitionCountsLikeTheEpochItself() {
        StepRates epoch = StepRates.ofEpoch(0.5, LearningRateSchedule.LINEAR, 0, 3, 37);
        StepRates round = epoch.share(12, 1);
        for (int j = 0; j < 10; j++) assertEquals(epoch.at(12 + j), round.at(j));
    }
}
