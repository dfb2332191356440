package org.sparkrnnlm.core.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparkrnnlm.core.rnn.Activation;
import org.sparkrnnlm.core.tensor.Dtype;
import org.sparkrnnlm.core.tensor.Parameters;

class RegressionGradientTest {

    static Stream<Arguments> settings() {
        List<Arguments> all = new ArrayList<>();
        for (Activation g : Activation.values()) {
            for (boolean everyStep : new boolean[] {false, true}) {
                for (int truncate : new int[] {RegressionSpec.FULL_BPTT, 0, 1, 3}) {
                    for (int steps : new int[] {1, 4, 9}) all.add(Arguments.of(g, everyStep, truncate, steps));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} everyStep={1} truncate={2} T={3}")
    @MethodSource("settings")
    void gradientEqualsTheStraightforwardBpttLoop(Activation g, boolean everyStep, int truncate, int steps) {
        RegressionSpec spec = RegressionFixtures.spec(g, everyStep, truncate, Dtype.DOUBLE);
        RnnRegressionModel model = RegressionFixtures.model(spec, 11);
        Sequence s = RegressionFixtures.sequence(spec, steps, 12);
        double[][][] expected = RegressionFixtures.reference(model).gradient(RegressionFixtures.rows(s.inputs(), spec.inputSize()),
                RegressionFixtures.rows(s.target(), spec.outputSize()));
        Parameters actual = RegressionFixtures.engineGradient(model, s);
        for (int n = 0; n < RnnRegressionModel.ARRAYS.size(); n++) {
            String name = RnnRegressionModel.ARRAYS.get(n);
            assertClose(expected[n], RegressionFixtures.matrix(actual.get(name)), 1e-12, name);
        }
    }

    @ParameterizedTest(name = "{0} everyStep={1} truncate={2} T={3}")
    @MethodSource("settings")
    void lossEqualsTheStraightforwardForwardLoop(Activation g, boolean everyStep, int truncate, int steps) {
        RegressionSpec spec = RegressionFixtures.spec(g, everyStep, truncate, Dtype.DOUBLE);
        RnnRegressionModel model = RegressionFixtures.model(spec, 21);
        Sequence s = RegressionFixtures.sequence(spec, steps, 22);
        double expected = RegressionFixtures.reference(model).loss(RegressionFixtures.rows(s.inputs(), spec.inputSize()),
                RegressionFixtures.rows(s.target(), spec.outputSize()));
        assertEquals(expected, new RegressionGradient(spec).loss(s, model.parameters()), 1e-12);
    }

    static Stream<Arguments> fullBptt() {
        return Stream.of(Arguments.of(Activation.SIGMOID, false), Arguments.of(Activation.SIGMOID, true),
                Arguments.of(Activation.TANH, false), Arguments.of(Activation.TANH, true));
    }

    /** Central differences of the loss, entry by entry, in double precision. */
    @ParameterizedTest(name = "{0} everyStep={1}")
    @MethodSource("fullBptt")
    void fullBpttGradientEqualsFiniteDifferences(Activation g, boolean everyStep) {
        RegressionSpec spec = RegressionFixtures.spec(g, everyStep, RegressionSpec.FULL_BPTT, Dtype.DOUBLE);
        RnnRegressionModel model = RegressionFixtures.model(spec, 31);
        Sequence s = RegressionFixtures.sequence(spec, 7, 32);
        Parameters analytic = RegressionFixtures.engineGradient(model, s);
        RegressionGradient math = new RegressionGradient(spec);
        double step = 1e-6;
        int checked = 0;
        for (String name : RnnRegressionModel.ARRAYS) {
            INDArray w = model.parameters().get(name);
            INDArray grad = analytic.get(name);
            for (long i = 0; i < w.length(); i++) {
                double saved = w.getDouble(i);
                w.putScalar(i, saved + step);
                double plus = math.loss(s, model.parameters());
                w.putScalar(i, saved - step);
                double minus = math.loss(s, model.parameters());
                w.putScalar(i, saved);
                double numeric = (plus - minus) / (2 * step);
                double a = grad.getDouble(i);
                assertEquals(numeric, a, 1e-7 + 1e-6 * Math.abs(numeric), name + "[" + i + "]");
                checked++;
            }
        }
        assertEquals(model.parameters().size(), checked);
    }

    @Test
    void truncationChangesTheGradientOfALongSequence() {
        RegressionSpec full = RegressionFixtures.spec(Activation.SIGMOID, false, RegressionSpec.FULL_BPTT, Dtype.DOUBLE);
        RegressionSpec one = RegressionFixtures.spec(Activation.SIGMOID, false, 1, Dtype.DOUBLE);
        Sequence s = RegressionFixtures.sequence(full, 6, 42);
        INDArray a = RegressionFixtures.engineGradient(RegressionFixtures.model(full, 41), s).get(RnnRegressionModel.W_UH);
        INDArray b = RegressionFixtures.engineGradient(RegressionFixtures.model(one, 41), s).get(RnnRegressionModel.W_UH);
        assertTrue(a.sub(b).norm2Number().doubleValue() > 1e-6, "truncating at 1 step must drop the earlier steps' terms");
    }

    @Test
    void anSgdStepInPlaceSubtractsTheLearningRateTimesTheGradient() {
        RegressionSpec spec = RegressionFixtures.spec(Activation.SIGMOID, true, RegressionSpec.FULL_BPTT, Dtype.DOUBLE);
        RnnRegressionModel model = RegressionFixtures.model(spec, 51);
        Sequence s = RegressionFixtures.sequence(spec, 5, 52);
        Parameters gradient = RegressionFixtures.engineGradient(model, s);
        Parameters expected = model.parameters().copy();
        expected.addScaled(gradient, -0.1);
        Parameters stepped = model.parameters().copy();
        new RegressionGradient(spec).accumulate(s, stepped, stepped, -0.1);
        for (String name : RnnRegressionModel.ARRAYS) {
            assertClose(RegressionFixtures.matrix(expected.get(name)), RegressionFixtures.matrix(stepped.get(name)), 1e-15, name);
        }
    }

    @Test
    void floatModelAgreesWithTheDoubleModel() {
        RegressionSpec doubles = RegressionFixtures.spec(Activation.TANH, false, RegressionSpec.FULL_BPTT, Dtype.DOUBLE);
        RegressionSpec floats = RegressionFixtures.spec(Activation.TANH, false, RegressionSpec.FULL_BPTT, Dtype.FLOAT);
        RnnRegressionModel d = RegressionFixtures.model(doubles, 61);
        RnnRegressionModel f = RnnRegressionModel.of(floats, new Parameters(Dtype.FLOAT, castAll(d.parameters())));
        Sequence s = RegressionFixtures.sequence(doubles, 8, 62);
        Parameters gd = RegressionFixtures.engineGradient(d, s);
        Parameters gf = RegressionFixtures.engineGradient(f, s);
        for (String name : RnnRegressionModel.ARRAYS) {
            assertClose(RegressionFixtures.matrix(gd.get(name)), RegressionFixtures.matrix(gf.get(name)), 1e-5, name);
        }
    }

    private static java.util.Map<String, INDArray> castAll(Parameters p) {
        java.util.LinkedHashMap<String, INDArray> out = new java.util.LinkedHashMap<>();
        for (String name : p.names()) out.put(name, p.get(name).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT));
        return out;
    }

    @Test
    void aSequenceOfTheWrongInputSizeIsRefusedWithTheReason() {
        RegressionSpec spec = RegressionFixtures.spec(Activation.SIGMOID, false, RegressionSpec.FULL_BPTT, Dtype.DOUBLE);
        Sequence wrong = new Sequence(2, 4, new double[8], new double[2]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RegressionGradient(spec).loss(wrong, RegressionFixtures.model(spec, 1).parameters()));
        assertTrue(e.getMessage().contains("4 inputs, the model takes 3"), e.getMessage());
    }

    @Test
    void aTargetOfTheWrongLengthIsRefusedWithTheReason() {
        RegressionSpec spec = RegressionFixtures.spec(Activation.SIGMOID, true, RegressionSpec.FULL_BPTT, Dtype.DOUBLE);
        Sequence wrong = new Sequence(3, 3, new double[9], new double[2]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RegressionGradient(spec).loss(wrong, RegressionFixtures.model(spec, 1).parameters()));
        assertTrue(e.getMessage().contains("target has 2 values, the model predicts 6"), e.getMessage());
    }

    static void assertClose(double[][] expected, double[][] actual, double tolerance, String name) {
        assertEquals(expected.length, actual.length, name + " rows");
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                assertEquals(expected[i][j], actual[i][j], tolerance, name + "[" + i + "][" + j + "]");
            }
        }
    }
}
