package org.sparkrnnlm.jobs.distributed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sparkrnnlm.core.tensor.Dtype;
import org.sparkrnnlm.core.tensor.Parameters;

/** The driver's filter between averaging rounds, against the rule written out here on plain arrays. */
class BlockMomentumTest {
    private static final long[] U = {2, 3};
    private static final long[] V = {3, 2};

    private static Parameters doubles(Random r, boolean withRuleState) {
        LinkedHashMap<String, INDArray> arrays = new LinkedHashMap<>();
        arrays.put("U", Nd4j.create(values(r, 6), U, 'c'));
        arrays.put("V", Nd4j.create(values(r, 6), V, 'f'));
        if (withRuleState) {
            arrays.put("U.adam_m", Nd4j.create(values(r, 6), U, 'c'));
            arrays.put("V.adam_m", Nd4j.create(values(r, 6), V, 'f'));
        }
        return new Parameters(Dtype.DOUBLE, arrays);
    }

    private static double[] values(Random r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = r.nextGaussian();
        return v;
    }

    private static double[] flat(INDArray a) {
        return a.dup('c').data().asDouble();
    }

    @Test
    void threeRoundsEqualAPlainTranscriptionOfTheRule() {
        double m = 0.75;
        double z = 0.9;
        Random r = new Random(4);
        BlockMomentum filter = new BlockMomentum(m, z);
        Parameters all = filter.withZeroState(doubles(r, true));
        // The rule on plain arrays: start = theta + m D; D = m D + z (average - start); theta = theta + D.
        double[][] theta = {flat(all.get("U")), flat(all.get("V"))};
        double[][] delta = {new double[6], new double[6]};
        for (int round = 0; round < 3; round++) {
            Parameters broadcast = filter.startOfRound(all);
            assertEquals(List.of("U", "V", "U.adam_m", "V.adam_m"), broadcast.names(), "no filter state is broadcast");
            Parameters average = doubles(r, true);
            all = filter.update(all, average);
            String[] names = {"U", "V"};
            for (int k = 0; k < 2; k++) {
                double[] a = flat(average.get(names[k]));
                double[] expectedStart = new double[6];
                for (int i = 0; i < 6; i++) expectedStart[i] = theta[k][i] + m * delta[k][i];
                assertArrayEquals(expectedStart, flat(broadcast.get(names[k])), 1e-12, "start of round " + round);
                for (int i = 0; i < 6; i++) {
                    delta[k][i] = m * delta[k][i] + z * (a[i] - expectedStart[i]);
                    theta[k][i] = theta[k][i] + delta[k][i];
                }
                assertArrayEquals(theta[k], flat(all.get(names[k])), 1e-12, names[k] + " after round " + round);
                assertArrayEquals(delta[k], flat(all.get(names[k] + ".block_delta")), 1e-12, "D of " + names[k]);
                assertArrayEquals(flat(average.get(names[k] + ".adam_m")), flat(all.get(names[k] + ".adam_m")), 0.0,
                        "the rule's state is averaged, not filtered");
            }
        }
    }

    @Test
    void momentumZeroAndBlockRateOneTakeTheAverageItself() {
        Random r = new Random(5);
        Parameters theta = doubles(r, false);
        Parameters average = doubles(r, false);
        assertTrue(BlockMomentum.OFF.off());
        assertSame(theta, BlockMomentum.OFF.withZeroState(theta), "no filter state");
        assertSame(theta, BlockMomentum.OFF.startOfRound(theta));
        assertSame(average, BlockMomentum.OFF.update(theta, average));
    }

    @Test
    void aBlockRateBelowOneWithoutMomentumStillFilters() {
        BlockMomentum half = new BlockMomentum(0, 0.5);
        assertFalse(half.off());
        Random r = new Random(6);
        Parameters all = half.withZeroState(doubles(r, false));
        Parameters average = doubles(r, false);
        Parameters next = half.update(all, average);
        double[] t = flat(all.get("U"));
        double[] a = flat(average.get("U"));
        double[] expected = new double[6];
        for (int i = 0; i < 6; i++) expected[i] = t[i] + 0.5 * (a[i] - t[i]);
        assertArrayEquals(expected, flat(next.get("U")), 1e-12);
    }

    @Test
    void floatWeightsAreFilteredInDoubleAndRoundedOnce() {
        LinkedHashMap<String, INDArray> t = new LinkedHashMap<>();
        t.put("U", Nd4j.create(new float[] {1.0f, -2.5f}, new long[] {1, 2}, 'c'));
        LinkedHashMap<String, INDArray> a = new LinkedHashMap<>();
        a.put("U", Nd4j.create(new float[] {1.1f, -2.4f}, new long[] {1, 2}, 'c'));
        BlockMomentum filter = new BlockMomentum(0.5, 1.3);
        Parameters next = filter.update(filter.withZeroState(new Parameters(Dtype.FLOAT, t)), new Parameters(Dtype.FLOAT, a));
        float[] u = next.get("U").data().asFloat();
        assertEquals((float) (1.0 + 1.3 * ((double) 1.1f - 1.0)), u[0]);
        assertEquals((float) (-2.5 + 1.3 * ((double) -2.4f + 2.5)), u[1]);
        assertEquals(Dtype.FLOAT, next.dtype());
    }

    @Test
    void autoForTheAdaptiveRulesIsOneMinusTwoOverThePartitionsAndForSgdOneMinusOne() {
        assertEquals(0.9375, BlockMomentum.auto(16, org.sparkrnnlm.core.optim.Optimizer.SGD).momentum());
        assertEquals(0.875, BlockMomentum.auto(16, org.sparkrnnlm.core.optim.Optimizer.ADAM).momentum());
        assertEquals(0.75, BlockMomentum.auto(8, org.sparkrnnlm.core.optim.Optimizer.ADAGRAD).momentum());
        assertEquals(0.5, BlockMomentum.auto(4, org.sparkrnnlm.core.optim.Optimizer.ADAM).momentum());
        assertTrue(BlockMomentum.auto(2, org.sparkrnnlm.core.optim.Optimizer.ADAM).off(), "two partitions: plain averaging");
        assertTrue(BlockMomentum.auto(1, org.sparkrnnlm.core.optim.Optimizer.ADAM).off(), "one partition: sequential training");
    }

    @Test
    void autoMomentumIsOneMinusOneOverThePartitions() {
        assertEquals(0.875, BlockMomentum.auto(8).momentum());
        assertEquals(1.0, BlockMomentum.auto(8).learningRate());
        assertTrue(BlockMomentum.auto(1).off(), "one partition: plain averaging, i.e. sequential training");
    }

    @Test
    void checkpointStateSeparatesFromTheRulesStateByName() {
        BlockMomentum filter = new BlockMomentum(0.5, 1);
        Parameters all = filter.withZeroState(doubles(new Random(7), true));
        assertEquals(List.of("U.block_delta", "V.block_delta"), BlockMomentum.state(all).names());
        assertEquals(List.of("U", "V", "U.adam_m", "V.adam_m"), BlockMomentum.withoutState(all).names());
        Parameters back = BlockMomentum.withState(BlockMomentum.withoutState(all), BlockMomentum.state(all));
        assertEquals(all.names(), back.names());
        assertThrows(IllegalArgumentException.class, () -> new BlockMomentum(1.0, 1));
        assertThrows(IllegalArgumentException.class, () -> new BlockMomentum(0.5, 0));
    }
}
