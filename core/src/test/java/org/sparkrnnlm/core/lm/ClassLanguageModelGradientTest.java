package org.sparkrnnlm.core.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sparkrnnlm.core.lm.GradientFixtures.HIDDEN;
import static org.sparkrnnlm.core.lm.GradientFixtures.WORDS;
import static org.sparkrnnlm.core.lm.GradientFixtures.inputs;
import static org.sparkrnnlm.core.lm.GradientFixtures.matrix;
import static org.sparkrnnlm.core.lm.GradientFixtures.sentence;
import static org.sparkrnnlm.core.lm.GradientFixtures.targets;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparkrnnlm.core.optim.SparseRuns;
import org.sparkrnnlm.core.tensor.Dtype;
import org.sparkrnnlm.core.tensor.Parameters;

class ClassLanguageModelGradientTest {
    private static final int CLASSES = 5;

    /** Counts that do not follow the id order, so V's class order differs from word order. */
    static WordClasses classes() {
        Random r = new Random(3);
        long[] counts = new long[WORDS];
        for (int w = 0; w < WORDS; w++) counts[w] = 1 + r.nextInt(100);
        return WordClasses.byFrequency(counts, CLASSES);
    }

    static RnnLanguageModel model(int truncate, Dtype dtype, long seed) {
        return RnnLanguageModel.initialize(WORDS, HIDDEN, truncate, dtype, seed, classes());
    }

    /** V's row of each word, worked out here from the documented rule: words sorted by class, then id. */
    static int rowOf(int[] classOf, int word) {
        int row = 0;
        for (int other = 0; other < classOf.length; other++) {
            if (classOf[other] < classOf[word] || classOf[other] == classOf[word] && other < word) row++;
        }
        return row;
    }

    /** A class-ordered V (or its gradient) as a word-indexed matrix. */
    static double[][] byWord(INDArray classOrdered, int[] classOf) {
        double[][] rows = matrix(classOrdered);
        double[][] out = new double[classOf.length][];
        for (int word = 0; word < classOf.length; word++) out[word] = rows[rowOf(classOf, word)];
        return out;
    }

    static ClassFactoredReference reference(RnnLanguageModel model) {
        Parameters p = model.parameters();
        int[] classOf = model.classes().toArray();
        return new ClassFactoredReference(matrix(p.get(RnnLanguageModel.U)), matrix(p.get(RnnLanguageModel.W)),
                byWord(p.get(RnnLanguageModel.V), classOf), matrix(p.get(RnnLanguageModel.X)), classOf, model.bpttTruncate());
    }

    static Parameters engineGradient(RnnLanguageModel model, int[] ids) {
        Parameters grad = model.parameters().zerosLike();
        model.spec().newGradient().accumulate(ids, model.parameters(), grad, 1.0);
        return grad;
    }

    static double maxDifference(double[][] expected, double[][] actual) {
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[0].length; j++) worst = Math.max(worst, Math.abs(expected[i][j] - actual[i][j]));
        }
        return worst;
    }

    @ParameterizedTest(name = "T={0}, bptt_truncate={1}")
    @CsvSource({"1,4", "2,4", "5,4", "6,4", "13,4", "9,0", "9,1", "9,3", "9,100", "30,4"})
    void equalsAPlainTranscriptionToTenDecimalPlaces(int steps, int truncate) {
        RnnLanguageModel model = model(truncate, Dtype.DOUBLE, 100 + steps);
        int[] ids = sentence(steps, 7 * steps + truncate);
        double[][][] expected = reference(model).gradient(inputs(ids), targets(ids));
        Parameters grad = engineGradient(model, ids);
        int[] classOf = model.classes().toArray();

        assertTrue(maxDifference(expected[0], matrix(grad.get(RnnLanguageModel.U))) < 1e-10, "dU");
        assertTrue(maxDifference(expected[1], matrix(grad.get(RnnLanguageModel.W))) < 1e-10, "dW");
        assertTrue(maxDifference(expected[2], byWord(grad.get(RnnLanguageModel.V), classOf)) < 1e-10, "dV");
        assertTrue(maxDifference(expected[3], matrix(grad.get(RnnLanguageModel.X))) < 1e-10, "dX");
    }

    @ParameterizedTest(name = "T={0}, bptt_truncate={1}")
    @CsvSource({"1,4", "5,4", "8,2", "6,0", "7,50"})
    void equalsFiniteDifferencesOfTheTruncatedObjective(int steps, int truncate) {
        RnnLanguageModel model = model(truncate, Dtype.DOUBLE, 31 + steps);
        int[] ids = sentence(steps, 5 * steps + truncate);
        int[] x = inputs(ids);
        int[] y = targets(ids);
        Parameters grad = engineGradient(model, ids);
        ClassFactoredReference ref = reference(model);
        double[][] frozen = ref.states(x);
        int[] classOf = model.classes().toArray();
        double[][][] analytic = {matrix(grad.get(RnnLanguageModel.U)), matrix(grad.get(RnnLanguageModel.W)),
            byWord(grad.get(RnnLanguageModel.V), classOf), matrix(grad.get(RnnLanguageModel.X))};
        double[][][] params = {ref.u, ref.w, ref.v, ref.x};

        double worst = GradientFixtures.worstRelativeError(params, analytic, () -> ref.truncatedObjective(frozen, x, y));
        assertTrue(worst < 1e-6, "largest relative error " + worst);
    }

    @Test
    void lossIsTheSummedNegativeLogOfClassTimesWordProbability() {
        RnnLanguageModel model = model(4, Dtype.DOUBLE, 5);
        int[] ids = sentence(11, 12);
        double expected = reference(model).summedLoss(inputs(ids), targets(ids));
        assertEquals(expected, model.spec().newGradient().loss(ids, model.parameters()), 1e-12);
        Parameters target = model.parameters().zerosLike();
        assertEquals(expected, model.spec().newGradient().accumulate(ids, model.parameters(), target, 1.0), 1e-12);
    }

    @Test
    void anInPlaceStepSubtractsTheLearningRateTimesTheGradientEvenWhenAClassRecurs() {
        RnnLanguageModel model = model(4, Dtype.DOUBLE, 21);
        int[] ids = {3, 7, 7, 7, 12, 7, 0, 3};
        Parameters before = model.parameters().copy();
        Parameters grad = engineGradient(model, ids);
        model.spec().newGradient().accumulate(ids, model.parameters(), model.parameters(), -0.1);
        for (String name : before.names()) {
            INDArray expected = before.get(name).sub(grad.get(name).mul(0.1));
            assertTrue(expected.equalsWithEps(model.parameters().get(name), 1e-13), name);
        }
    }

    @Test
    void aFloat32InPlaceStepMatchesTheGradientWhenClassesRecurAndAlternate() {
        RnnLanguageModel model = model(4, Dtype.FLOAT, 22);
        int[] ids = {3, 7, 12, 7, 0, 12, 7, 3, 1};
        Parameters before = model.parameters().copy();
        Parameters grad = engineGradient(model, ids);
        model.spec().newGradient().accumulate(ids, model.parameters(), model.parameters(), -0.1);
        for (String name : before.names()) {
            INDArray expected = before.get(name).sub(grad.get(name).mul(0.1));
            assertTrue(expected.equalsWithEps(model.parameters().get(name), 1e-6), name);
        }
    }

    @Test
    void probabilitiesOfAllWordsSumToOneForARandomState() {
        RnnLanguageModel model = model(4, Dtype.DOUBLE, 8);
        Random r = new Random(17);
        double[] s = new double[HIDDEN];
        for (int j = 0; j < HIDDEN; j++) s[j] = 2 * r.nextDouble() - 1;
        double[] p = new double[WORDS];
        new ClassDistribution(model).probabilities(s, p);
        double sum = 0;
        for (double q : p) sum += q;
        assertEquals(1.0, sum, 1e-12);
        ClassFactoredReference ref = reference(model);
        for (int word = 0; word < WORDS; word++) assertEquals(ref.probability(s, word), p[word], 1e-15, "word " + word);
    }

    @Test
    void theGradientIsZeroOutsideTheSparseRuns() {
        RnnLanguageModel model = model(4, Dtype.DOUBLE, 44);
        int[] ids = sentence(6, 9);
        Parameters grad = engineGradient(model, ids);
        SparseRuns sparse = model.spec().sparseRuns(ids);
        for (String name : new String[] {RnnLanguageModel.U, RnnLanguageModel.V}) {
            INDArray g = grad.get(name);
            double[] values = new double[(int) g.length()];
            org.sparkrnnlm.core.tensor.NdBuffers.read(g, 0, values, 0, values.length);
            SparseRuns.Ranges ranges = sparse.ranges(name);
            for (int r = 0; r < ranges.count(); r++) {
                java.util.Arrays.fill(values, ranges.offsets()[r], ranges.offsets()[r] + ranges.lengths()[r], 0.0);
            }
            for (double v : values) assertEquals(0.0, v, name);
        }
    }

    @Test
    void float32GradientAgreesWithFloat64ToSinglePrecision() {
        int[] ids = sentence(12, 8);
        Parameters exact = engineGradient(model(4, Dtype.DOUBLE, 77), ids);
        Parameters single = engineGradient(model(4, Dtype.FLOAT, 77), ids);
        for (String name : exact.names()) {
            INDArray diff = exact.get(name).sub(single.get(name).castTo(exact.get(name).dataType()));
            double scale = exact.get(name).amaxNumber().doubleValue();
            assertTrue(diff.amaxNumber().doubleValue() < 1e-5 * scale, name);
        }
    }
}
