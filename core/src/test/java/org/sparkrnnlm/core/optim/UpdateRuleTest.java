package org.sparkrnnlm.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sparkrnnlm.core.tensor.Dtype;
import org.sparkrnnlm.core.tensor.Parameters;

/** Each rule against a plain transcription of its textbook form, in double precision. */
class UpdateRuleTest {
    private static final int N = 12;
    private static final int STEPS = 5;
    private static final double LR = 0.01;

    private static double[][] gradients(long seed) {
        Random r = new Random(seed);
        double[][] g = new double[STEPS][N];
        for (double[] row : g) for (int i = 0; i < N; i++) row[i] = r.nextGaussian();
        return g;
    }

    private static double[] start() {
        Random r = new Random(99);
        double[] t = new double[N];
        for (int i = 0; i < N; i++) t[i] = r.nextGaussian();
        return t;
    }

    private static Parameters single(String name, double[] values) {
        LinkedHashMap<String, INDArray> arrays = new LinkedHashMap<>();
        arrays.put(name, Nd4j.create(values.clone(), new long[] {N}, 'c'));
        return new Parameters(Dtype.DOUBLE, arrays);
    }

    /** Runs the rule through UpdateRule.step and returns theta after STEPS steps. */
    private static double[] run(OptimizerSettings settings, double[][] g, double scale) {
        UpdateRule rule = UpdateRule.of(settings);
        Parameters all = OptimizerState.attach(single("w", start()), rule);
        for (double[] step : g) rule.step(all, single("w", step), null, LR, scale);
        return all.get("w").toDoubleVector();
    }

    @Test
    void sgdIsThetaMinusLearningRateTimesGradient() {
        double[][] g = gradients(1);
        double[] theta = start();
        for (double[] step : g) for (int i = 0; i < N; i++) theta[i] -= LR * step[i];
        assertArrayEquals(theta, run(OptimizerSettings.defaults(Optimizer.SGD), g, 1.0), 1e-15);
    }

    @Test
    void adagradDividesByTheRootOfTheSummedSquares() {
        double[][] g = gradients(2);
        double[] theta = start();
        double[] sum = new double[N];
        for (double[] step : g) {
            for (int i = 0; i < N; i++) {
                sum[i] += step[i] * step[i];
                theta[i] -= LR * step[i] / (Math.sqrt(sum[i]) + 1e-8);
            }
        }
        assertArrayEquals(theta, run(OptimizerSettings.defaults(Optimizer.ADAGRAD), g, 1.0), 1e-15);
    }

    @Test
    void adamFollowsKingmaAndBasAlgorithmOne() {
        double[][] g = gradients(3);
        double b1 = 0.9;
        double b2 = 0.999;
        double[] theta = start();
        double[] m = new double[N];
        double[] v = new double[N];
        for (int t = 1; t <= STEPS; t++) {
            for (int i = 0; i < N; i++) {
                double gi = g[t - 1][i];
                m[i] = b1 * m[i] + (1 - b1) * gi;
                v[i] = b2 * v[i] + (1 - b2) * gi * gi;
                double mHat = m[i] / (1 - Math.pow(b1, t));
                double vHat = v[i] / (1 - Math.pow(b2, t));
                theta[i] -= LR * mHat / (Math.sqrt(vHat) + 1e-8);
            }
        }
        assertArrayEquals(theta, run(OptimizerSettings.defaults(Optimizer.ADAM), g, 1.0), 1e-14);
    }

    @Test
    void theScaleMultipliesTheGradientBeforeTheRule() {
        double[][] g = gradients(4);
        double[][] halved = new double[STEPS][N];
        for (int t = 0; t < STEPS; t++) for (int i = 0; i < N; i++) halved[t][i] = 0.5 * g[t][i];
        OptimizerSettings adam = OptimizerSettings.defaults(Optimizer.ADAM);
        assertArrayEquals(run(adam, halved, 1.0), run(adam, g, 0.5), 1e-15);
    }

    @Test
    void sparseRunsUpdateOnlyTheirElementsAndTheirState() {
        UpdateRule rule = UpdateRule.of(OptimizerSettings.defaults(Optimizer.ADAM));
        double[] before = start();
        Parameters all = OptimizerState.attach(single("U", before), rule);
        double[] g = new double[N];
        java.util.Arrays.fill(g, 1.0);
        // Width 3: runs 1 and 3 are elements 3..5 and 9..11.
        rule.step(all, single("U", g), new SparseRuns("U", 3, new int[] {1, 3}), LR, 1.0);
        double[] after = all.get("U").toDoubleVector();
        double[] m = all.get("U.adam_m").toDoubleVector();
        for (int i = 0; i < N; i++) {
            boolean inRun = (i >= 3 && i < 6) || i >= 9;
            assertEquals(inRun, after[i] != before[i], "theta " + i);
            assertEquals(inRun ? 0.1 : 0.0, m[i], 1e-15, "m " + i);
        }
        assertEquals(1.0, all.get(OptimizerState.STEPS).getDouble(0));
    }

    @Test
    void theStateSeparatesFromTheWeightsByName() {
        UpdateRule rule = UpdateRule.of(OptimizerSettings.defaults(Optimizer.ADAGRAD));
        Parameters all = OptimizerState.attach(single("W", start()), rule);
        assertEquals(java.util.List.of("W", "W.adagrad_sum"), all.names());
        assertEquals(java.util.List.of("W"), OptimizerState.weights(all).names());
        assertEquals(Optimizer.ADAGRAD, OptimizerState.optimizerOf(OptimizerState.state(all)));
    }

    @Test
    void adamOnAFloatModelIsTheSameRuleInFloatArithmetic() {
        int n = 5000; // past one chunk of the update's staging
        Random r = new Random(5);
        float[] theta = gaussians(r, n);
        UpdateRule rule = UpdateRule.of(OptimizerSettings.defaults(Optimizer.ADAM));
        Parameters all = OptimizerState.attach(floats("V", theta), rule);
        float[] m = new float[n];
        float[] v = new float[n];
        double[] thetaD = new double[n];
        double[] mD = new double[n];
        double[] vD = new double[n];
        for (int i = 0; i < n; i++) thetaD[i] = theta[i];
        for (int t = 1; t <= STEPS; t++) {
            float[] g = gaussians(r, n);
            rule.step(all, floats("V", g), null, LR, 1.0);
            float step = (float) (LR / (1 - Math.pow(0.9, t)));
            float root = (float) (1 / Math.sqrt(1 - Math.pow(0.999, t)));
            for (int i = 0; i < n; i++) {
                m[i] = 0.9f * m[i] + (float) (1 - 0.9) * g[i];
                v[i] = 0.999f * v[i] + (float) (1 - 0.999) * g[i] * g[i];
                theta[i] -= step * m[i] / ((float) Math.sqrt(v[i]) * root + 1e-8f);
                mD[i] = 0.9 * mD[i] + 0.1 * g[i];
                vD[i] = 0.999 * vD[i] + 0.001 * g[i] * g[i];
                thetaD[i] -= LR * (mD[i] / (1 - Math.pow(0.9, t))) / (Math.sqrt(vD[i] / (1 - Math.pow(0.999, t))) + 1e-8);
            }
        }
        assertArrayEquals(theta, all.get("V").toFloatVector());
        assertArrayEquals(m, all.get("V.adam_m").toFloatVector());
        float[] got = all.get("V").toFloatVector();
        for (int i = 0; i < n; i++) assertEquals(thetaD[i], got[i], 1e-5 * Math.max(1, Math.abs(thetaD[i])), "element " + i);
    }

    @Test
    void adagradOnAFloatModelIsTheSameRuleInFloatArithmetic() {
        int n = 5000;
        Random r = new Random(6);
        float[] theta = gaussians(r, n);
        UpdateRule rule = UpdateRule.of(OptimizerSettings.defaults(Optimizer.ADAGRAD));
        Parameters all = OptimizerState.attach(floats("V", theta), rule);
        float[] sum = new float[n];
        for (int t = 1; t <= STEPS; t++) {
            float[] g = gaussians(r, n);
            rule.step(all, floats("V", g), null, LR, 0.5);
            for (int i = 0; i < n; i++) {
                float gi = 0.5f * g[i];
                sum[i] += gi * gi;
                theta[i] -= gi * (float) LR / ((float) Math.sqrt(sum[i]) + 1e-8f);
            }
        }
        assertArrayEquals(theta, all.get("V").toFloatVector());
        assertArrayEquals(sum, all.get("V.adagrad_sum").toFloatVector());
    }

    @Test
    void adamOnFloatRunsPastALaneGroupUpdatesEachRunAsAWholeArrayWould() {
        int width = 70; // more than one lane group per run, and a scalar tail
        int[] runs = {1, 4};
        Random r = new Random(7);
        float[] theta = gaussians(r, 6 * width);
        float[] g = gaussians(r, 6 * width);
        UpdateRule rule = UpdateRule.of(OptimizerSettings.defaults(Optimizer.ADAM));
        Parameters all = OptimizerState.attach(floats("U", theta), rule);
        rule.step(all, floats("U", g), new SparseRuns("U", width, runs), LR, 1.0);
        float[] got = all.get("U").toFloatVector();
        for (int run = 0; run < 6; run++) {
            int from = run * width;
            float[] expected = java.util.Arrays.copyOfRange(theta, from, from + width);
            boolean stepped = run == runs[0] || run == runs[1];
            if (stepped) {
                UpdateRule whole = UpdateRule.of(OptimizerSettings.defaults(Optimizer.ADAM));
                Parameters alone = OptimizerState.attach(floats("U", expected), whole);
                whole.step(alone, floats("U", java.util.Arrays.copyOfRange(g, from, from + width)), null, LR, 1.0);
                expected = alone.get("U").toFloatVector();
            }
            assertArrayEquals(expected, java.util.Arrays.copyOfRange(got, from, from + width), "run " + run);
        }
    }

    private static float[] gaussians(Random r, int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) values[i] = (float) r.nextGaussian();
        return values;
    }

    private static Parameters floats(String name, float[] values) {
        LinkedHashMap<String, INDArray> arrays = new LinkedHashMap<>();
        arrays.put(name, Nd4j.create(values.clone(), new long[] {values.length}, 'c'));
        return new Parameters(Dtype.FLOAT, arrays);
    }
}
