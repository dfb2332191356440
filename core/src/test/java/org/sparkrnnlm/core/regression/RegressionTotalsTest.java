package org.sparkrnnlm.core.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RegressionTotalsTest {

    @Test
    void mseIsTheMeanOfSquaredErrorsOverAllTargetValues() {
        RegressionTotals t = new RegressionTotals().add(new double[] {1, 2}, new double[] {0, 0}, 1).add(new double[] {3}, new double[] {1}, 1);
        assertEquals((1 + 4 + 4) / 3.0, t.mse(), 1e-15);
        assertEquals(2, t.sequences());
        assertEquals(3, t.values());
    }

    @Test
    void r2IsOneMinusSseOverTheTargetsSumOfSquaredDeviations() {
        double[] y = {1, 2, 3, 4};
        double[] p = {1.5, 2, 2.5, 4};
        RegressionTotals t = new RegressionTotals();
        for (int i = 0; i < y.length; i++) t.add(new double[] {p[i]}, new double[] {y[i]}, 1);
        assertEquals(1 - 0.5 / 5.0, t.r2(), 1e-15);
        assertEquals(5.0 / 4, t.targetVariance(), 1e-15);
    }

    @Test
    void predictingTheMeanGivesR2Zero() {
        RegressionTotals t = new RegressionTotals();
        for (double y : new double[] {2, 4, 6}) t.add(new double[] {4}, new double[] {y}, 1);
        assertEquals(0.0, t.r2(), 1e-15);
    }

    @Test
    void eachOutputComponentIsCenteredOnItsOwnMean() {
        RegressionTotals t = new RegressionTotals().add(new double[] {0, 100}, new double[] {0, 100}, 2)
                .add(new double[] {2, 102}, new double[] {2, 102}, 2);
        assertEquals(1.0, t.targetVariance(), 1e-12);
        assertEquals(1.0, t.r2(), 1e-15);
    }

    @Test
    void mergingPartitionsEqualsAddingEverythingInOnePlace() {
        RegressionTotals all = new RegressionTotals();
        RegressionTotals a = new RegressionTotals();
        RegressionTotals b = new RegressionTotals();
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < 200; i++) {
            double[] y = {1e6 + r.nextGaussian(), r.nextGaussian()};
            double[] p = {y[0] + 0.1 * r.nextGaussian(), y[1] + 0.2 * r.nextGaussian()};
            all.add(p, y, 2);
            (i < 70 ? a : b).add(p, y, 2);
        }
        RegressionTotals merged = new RegressionTotals().merge(a).merge(b);
        assertEquals(all.mse(), merged.mse(), 1e-12);
        assertEquals(all.r2(), merged.r2(), 1e-9);
        assertEquals(all.values(), merged.values());
    }
}
