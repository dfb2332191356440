package org.sparkrnnlm.core.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sparkrnnlm.core.lm.GradientFixtures.*;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparkrnnlm.core.tensor.Dtype;
import org.sparkrnnlm.core.tensor.Parameters;

class LanguageModelGradientTest {

    @ParameterizedTest(name = "T={0}, bptt_truncate={1}")
    @CsvSource({"1,4", "2,4", "4,4", "5,4", "6,4", "13,4", "9,0", "9,1", "9,2", "9,3", "9,8", "9,100", "30,4"})
    void equalsTheTutorialsGateByGateBpttToTenDecimalPlaces(int steps, int truncate) {
        RnnLanguageModel model = model(truncate, Dtype.DOUBLE, 100 + steps);
        int[] ids = sentence(steps, 7 * steps + truncate);
        double[][][] expected = reference(model).bptt(inputs(ids), targets(ids));
        Parameters grad = engineGradient(model, ids);

        assertTrue(maxAbsDifference(expected[0], grad.get(RnnLanguageModel.U)) < 1e-10, "dU");
        assertTrue(maxAbsDifference(expected[1], grad.get(RnnLanguageModel.W)) < 1e-10, "dW");
        assertTrue(maxAbsDifference(expected[2], grad.get(RnnLanguageModel.V)) < 1e-10, "dV");
    }

    @ParameterizedTest(name = "T={0}, bptt_truncate={1}")
    @CsvSource({"1,4", "3,4", "5,4", "8,4", "8,1", "8,2", "12,3", "6,0", "7,50"})
    void equalsFiniteDifferencesOfTheTruncatedObjective(int steps, int truncate) {
        RnnLanguageModel model = model(truncate, Dtype.DOUBLE, 31 + steps);
        int[] ids = sentence(steps, 5 * steps + truncate);
        Parameters grad = engineGradient(model, ids);
        double[][] u = matrix(model.parameters().get(RnnLanguageModel.U));
        double[][] w = matrix(model.parameters().get(RnnLanguageModel.W));
        double[][] v = matrix(model.parameters().get(RnnLanguageModel.V));
        TruncatedObjective objective = new TruncatedObjective(u, w, inputs(ids), truncate);

        double[][][] analytic = {matrix(grad.get("U")), matrix(grad.get("W")), matrix(grad.get("V"))};
        double worst = worstRelativeError(new double[][][] {u, w, v}, analytic, () -> objective.value(u, w, v, inputs(ids), targets(ids)));
        assertTrue(worst < 1e-6, "largest relative error " + worst);
    }

    @Test
    void theOutputLayerLeftAsAProductIsTheGradientAccumulateAdds() {
        RnnLanguageModel model = model(4, Dtype.DOUBLE, 17);
        int[] ids = sentence(9, 4);
        Parameters dense = engineGradient(model, ids);
        Parameters target = model.parameters().zerosLike();
        org.sparkrnnlm.core.optim.GradientProducts products = new org.sparkrnnlm.core.optim.GradientProducts();
        new LanguageModelGradient(model).gradient(ids, model.parameters(), target, products);

        org.sparkrnnlm.core.optim.GradientProducts.Product v = products.get(RnnLanguageModel.V);
        INDArray rows = org.nd4j.linalg.factory.Nd4j.create(org.nd4j.linalg.api.buffer.DataType.DOUBLE, v.rows(), v.width());
        v.rowsInto(0, v.rows(), rows);
        assertEquals(0.0, rows.sub(dense.get(RnnLanguageModel.V)).amaxNumber().doubleValue(), 1e-15, "dV");
        assertEquals(0.0, target.get(RnnLanguageModel.V).amaxNumber().doubleValue(), "V's array is left alone");
        assertEquals(dense.get(RnnLanguageModel.U), target.get(RnnLanguageModel.U), "dU");
        assertEquals(dense.get(RnnLanguageModel.W), target.get(RnnLanguageModel.W), "dW");
    }

    @Test
    void truncationChangesTheGradientOfLongSentencesOnly() {
        int[] longIds = sentence(10, 3);
        Parameters full = engineGradient(model(100, Dtype.DOUBLE, 9), longIds);
        Parameters cut = engineGradient(model(2, Dtype.DOUBLE, 9), longIds);
        assertTrue(full.get("W").sub(cut.get("W")).norm2Number().doubleValue() > 1e-6);

        int[] shortIds = sentence(3, 3);
        Parameters fullShort = engineGradient(model(100, Dtype.DOUBLE, 9), shortIds);
        Parameters cutShort = engineGradient(model(2, Dtype.DOUBLE, 9), shortIds);
        assertEquals(0.0, fullShort.get("W").sub(cutShort.get("W")).norm2Number().doubleValue(), 1e-15);
    }

    @Test
    void lossIsTheSummedNegativeLogProbabilityOfTheTargets() {
        RnnLanguageModel model = model(4, Dtype.DOUBLE, 5);
        int[] ids = sentence(11, 12);
        double expected = reference(model).summedLoss(inputs(ids), targets(ids));
        assertEquals(expected, new LanguageModelGradient(model).loss(ids, model.parameters()), 1e-12);
        Parameters target = model.parameters().zerosLike();
        assertEquals(expected, new LanguageModelGradient(model).accumulate(ids, model.parameters(), target, 1.0), 1e-12);
    }

    @Test
    void anInPlaceStepSubtractsTheLearningRateTimesTheGradient() {
        RnnLanguageModel model = model(4, Dtype.DOUBLE, 21);
        int[] ids = sentence(9, 4);
        Parameters before = model.parameters().copy();
        Parameters grad = engineGradient(model, ids);
        new LanguageModelGradient(model).accumulate(ids, model.parameters(), model.parameters(), -0.1);
        for (String name : before.names()) {
            INDArray expected = before.get(name).sub(grad.get(name).mul(0.1));
            assertTrue(expected.equalsWithEps(model.parameters().get(name), 1e-13), name);
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
