package org.sparkrnnlm.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AnnealingTest {

    @Test
    void firstObservationNeverHalves() {
        Annealing a = new Annealing(0.005);
        assertFalse(a.observe(100.0));
        assertEquals(0.005, a.learningRate());
    }

    @Test
    void halvesWhenTheLossRises() {
        Annealing a = new Annealing(0.005);
        a.observe(3.0);
        assertTrue(a.observe(3.5));
        assertEquals(0.0025, a.learningRate());
    }

    @Test
    void halvesOnTheSmallestRise() {
        Annealing a = new Annealing(0.01);
        a.observe(3.0);
        assertTrue(a.observe(Math.nextUp(3.0)));
        assertEquals(0.005, a.learningRate());
    }

    @Test
    void keepsTheRateWhenTheLossIsEqual() {
        Annealing a = new Annealing(0.005);
        a.observe(3.0);
        assertFalse(a.observe(3.0));
        assertEquals(0.005, a.learningRate());
    }

    @Test
    void keepsTheRateWhenTheLossFalls() {
        Annealing a = new Annealing(0.005);
        a.observe(3.0);
        assertFalse(a.observe(2.0));
        assertFalse(a.observe(Math.nextDown(2.0)));
        assertEquals(0.005, a.learningRate());
    }

    @Test
    void comparesWithThePreviousEvaluationNotTheBest() {
        Annealing a = new Annealing(0.008);
        a.observe(3.0);
        a.observe(2.0);
        assertTrue(a.observe(2.5)); // above the previous (2.0): halve
        assertFalse(a.observe(2.4)); // below the previous (2.5) though above the best: keep
        assertEquals(0.004, a.learningRate());
    }

    @Test
    void severalRisesHalveRepeatedly() {
        Annealing a = new Annealing(0.008);
        a.observe(1.0);
        assertTrue(a.observe(2.0));
        assertTrue(a.observe(3.0));
        assertTrue(a.observe(4.0));
        assertEquals(0.001, a.learningRate());
    }

    @Test
    void risesBetweenFallsEachHalveOnce() {
        Annealing a = new Annealing(1.0);
        double[] losses = {5.0, 4.0, 4.5, 4.5, 4.2, 4.3, 3.0, 3.0, 3.1};
        boolean[] halved = {false, false, true, false, false, true, false, false, true};
        for (int i = 0; i < losses.length; i++) assertEquals(halved[i], a.observe(losses[i]), "observation " + i);
        assertEquals(0.125, a.learningRate());
    }

    @Test
    void resumedScheduleComparesWithTheRecordedLoss() {
        Annealing rising = new Annealing(0.004, 2.0, 0.0);
        assertTrue(rising.observe(2.1));
        assertEquals(0.002, rising.learningRate());

        Annealing falling = new Annealing(0.004, 2.0, 0.0);
        assertFalse(falling.observe(1.9));
        assertEquals(0.004, falling.learningRate());
    }

    @Test
    void aThresholdIgnoresRisesSmallerThanItsFractionOfThePreviousLoss() {
        Annealing a = new Annealing(0.04, Double.NaN, 0.05);
        a.observe(1.00);
        assertFalse(a.observe(1.04), "a 4% rise is under the 5% threshold");
        assertEquals(0.04, a.learningRate());
        assertTrue(a.observe(1.10), "a 5.8% rise over 1.04 is above it");
        assertEquals(0.02, a.learningRate());
    }

    @Test
    void aNegativeThresholdIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Annealing(0.01, Double.NaN, -0.1));
    }
}
