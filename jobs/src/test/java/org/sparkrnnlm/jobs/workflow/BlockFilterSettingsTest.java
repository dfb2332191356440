package org.sparkrnnlm.jobs.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.sparkrnnlm.core.optim.Optimizer;

class BlockFilterSettingsTest {
    private static DistributedSettings withMomentum(String momentum, Double blockLr) {
        return new DistributedSettings("out", DistributedSettings.Mode.average, null, 25, 32, 16, false, 1, 2.0, 3, false, 1, momentum,
                blockLr, false);
    }

    @Test
    void autoOnSixteenPartitionsIsOneMinusOneOverThemForSgdAndOneMinusTwoOverThemForTheAdaptiveRules() {
        assertEquals(0.9375, withMomentum("auto", null).blockFilter(16, Optimizer.SGD).momentum());
        assertEquals(0.875, withMomentum("auto", null).blockFilter(16, Optimizer.ADAM).momentum());
        assertEquals(0.75, withMomentum("auto", null).blockFilter(8, Optimizer.ADAGRAD).momentum());
    }

    @Test
    void aGivenMomentumIsTakenAsItIsWithEveryRule() {
        assertEquals(0.95, withMomentum("0.95", 0.5).blockFilter(16, Optimizer.ADAM).momentum());
        assertEquals(0.5, withMomentum("0.95", 0.5).blockFilter(16, Optimizer.ADAM).learningRate());
    }
}
