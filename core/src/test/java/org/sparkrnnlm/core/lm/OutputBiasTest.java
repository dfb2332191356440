package org.sparkrnnlm.core.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sparkrnnlm.core.lm.GradientFixtures.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparkrnnlm.core.tensor.Dtype;
import org.sparkrnnlm.core.tensor.Parameters;

class OutputBiasTest {

    /** A model with an output bias of random values (a new one starts at zero, which would check nothing). */
    private static RnnLanguageModel biased(int truncate, Dtype dtype, long seed) {
        RnnLanguageModel model = RnnLanguageModel.initialize(WORDS, HIDDEN, truncate, dtype, seed, null, true);
        INDArray b = model.parameters().get(RnnLanguageModel.B);
        Random r = new Random(seed);
        for (int c = 0; c < WORDS; c++) b.putScalar(c, r.nextGaussian());
        return model;
    }

    private static double[] vector(INDArray a) {
        double[] out = new double[(int) a.length()];
        for (int i = 0; i < out.length; i++) out[i] = a.getDouble(i);
        return out;
    }

    @ParameterizedTest(name = "T={0}, bptt_truncate={1}")
    @CsvSource({"1,4", "5,4", "8,2", "7,50"})
    void theGradientEqualsFiniteDifferencesOfTheObjectiveWithTheBias(int steps, int truncate) {
        RnnLanguageModel model = biased(truncate, Dtype.DOUBLE, 50 + steps);
        int[] ids = sentence(steps, 3 * steps + truncate);
        Parameters grad = engineGradient(model, ids);
        double[][] u = matrix(model.parameters().get(RnnLanguageModel.U));
        double[][] w = matrix(model.parameters().get(RnnLanguageModel.W));
        double[][] v = matrix(model.parameters().get(RnnLanguageModel.V));
        double[] b = vector(model.parameters().get(RnnLanguageModel.B));
        TruncatedObjective objective = new TruncatedObjective(u, w, inputs(ids), truncate);
        double[][][] analytic = {matrix(grad.get("U")), matrix(grad.get("W")), matrix(grad.get("V")), {vector(grad.get("b"))}};
        double worst = worstRelativeError(new double[][][] {u, w, v, {b}}, analytic,
                () -> objective.value(u, w, v, b, inputs(ids), targets(ids)));
        assertTrue(worst < 1e-6, "largest relative error " + worst);
    }

    @Test
    void theLossIsTheObjectiveWithTheBiasAddedToEveryLogit() {
        RnnLanguageModel model = biased(100, Dtype.DOUBLE, 7);
        int[] ids = sentence(9, 2);
        Parameters p = model.parameters();
        double expected = new TruncatedObjective(matrix(p.get("U")), matrix(p.get("W")), inputs(ids), 100)
                .value(matrix(p.get("U")), matrix(p.get("W")), matrix(p.get("V")), vector(p.get("b")), inputs(ids), targets(ids));
        assertEquals(expected, new LanguageModelGradient(model).loss(ids, p), 1e-12);
        assertTrue(Math.abs(expected - new LanguageModelGradient(model(100, Dtype.DOUBLE, 7)).loss(ids, model(100, Dtype.DOUBLE, 7).parameters())) > 1e-3,
                "the bias changes the loss");
    }

    @Test
    void aNewModelsBiasIsZeroAndItsOtherWeightsAreTheSameAsWithout() {
        RnnLanguageModel with = RnnLanguageModel.initialize(WORDS, HIDDEN, 4, Dtype.FLOAT, 9, null, true);
        RnnLanguageModel without = model(4, Dtype.FLOAT, 9);
        assertTrue(with.hasOutputBias());
        assertEquals(List.of(WORDS), List.of((int) with.parameters().get("b").length()));
        assertEquals(0.0, with.parameters().get("b").amaxNumber().doubleValue());
        for (String name : without.parameters().names()) assertEquals(without.parameters().get(name), with.parameters().get(name), name);
        assertTrue(with.spec().outputBias());
        assertTrue(!without.spec().outputBias() && !without.hasOutputBias());
    }

    @Test
    void aUnigramBiasIsTheLogOfEachWordsAddOneShare() {
        RnnLanguageModel model = RnnLanguageModel.initialize(4, 3, 4, Dtype.DOUBLE, 1, null, true).withUnigramBias(new long[] {5, 0, 3, 1});
        INDArray b = model.parameters().get(RnnLanguageModel.B);
        double[] expected = {Math.log(6.0 / 13), Math.log(1.0 / 13), Math.log(4.0 / 13), Math.log(2.0 / 13)};
        for (int w = 0; w < 4; w++) assertEquals(expected[w], b.getDouble(w), 1e-15, "word " + w);
    }

    @Test
    void aModelWithoutBiasRefusesAUnigramBias() {
        assertThrows(IllegalStateException.class, () -> model(4, Dtype.FLOAT, 1).withUnigramBias(new long[WORDS]));
    }

    @Test
    void anInPlaceStepMovesTheBiasByTheLearningRateTimesItsGradient() {
        RnnLanguageModel model = biased(4, Dtype.DOUBLE, 11);
        int[] ids = sentence(6, 5);
        INDArray before = model.parameters().get("b").dup();
        INDArray grad = engineGradient(model, ids).get("b");
        new LanguageModelGradient(model).accumulate(ids, model.parameters(), model.parameters(), -0.1);
        assertTrue(before.sub(grad.mul(0.1)).equalsWithEps(model.parameters().get("b"), 1e-13));
    }

    @Test
    void aBatchsBiasGradientEqualsTheSumOfItsSentences() {
        RnnLanguageModel model = biased(4, Dtype.DOUBLE, 12);
        List<int[]> batch = new ArrayList<>();
        for (int i = 0; i < 6; i++) batch.add(sentence(2 + 3 * i, 60 + i));
        LanguageModelGradient math = new LanguageModelGradient(model);
        Parameters summed = model.parameters().zerosLike();
        for (int[] ids : batch) math.accumulate(ids, model.parameters(), summed, 0.5);
        Parameters batched = model.parameters().zerosLike();
        math.accumulateBatch(batch, model.parameters(), batched, 0.5);
        for (String name : summed.names()) assertTrue(summed.get(name).equalsWithEps(batched.get(name), 1e-12), name);
    }

    @Test
    void aClassFactoredModelRefusesAnOutputBias() {
        WordClasses classes = WordClasses.byFrequency(new long[] {5, 4, 3, 2, 1, 1}, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RnnLanguageModel.initialize(6, 3, 4, Dtype.FLOAT, 1, classes, true));
        assertEquals("an output bias needs the full softmax", e.getMessage());
    }

    @Test
    void aBiasOfTheWrongLengthIsRefusedNamingTheShapes() {
        RnnLanguageModel model = biased(4, Dtype.FLOAT, 14);
        java.util.LinkedHashMap<String, INDArray> arrays = new java.util.LinkedHashMap<>();
        for (String name : model.parameters().names()) arrays.put(name, model.parameters().get(name));
        arrays.put("b", org.nd4j.linalg.factory.Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, WORDS - 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RnnLanguageModel.of(new Parameters(Dtype.FLOAT, arrays), 4));
        assertEquals("b has shape [22], expected [23] to match U", e.getMessage());
    }
}
