package org.sparkrnnlm.core.regression;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sparkrnnlm.core.rnn.Activation;
import org.sparkrnnlm.core.tensor.Dtype;
import org.sparkrnnlm.core.tensor.Parameters;
import org.sparkrnnlm.core.train.ExampleScorer;
import org.sparkrnnlm.core.train.SequentialBackend;
import org.sparkrnnlm.core.train.StepRates;
import org.sparkrnnlm.core.train.TrainingListener;
import org.sparkrnnlm.core.train.TrainingLoop;

/** The regression model trains through the same SGD, loop and annealing as the language model. */
class RegressionTrainingTest {

    /** The second tutorial's task: u_t = (x0_t, x1_t) uniform in [-1, 1], target sum_t x0_t x1_t. */
    static List<Sequence> dotProducts(int n, int steps, long seed) {
        Random r = new Random(seed);
        List<Sequence> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] u = new double[2 * steps];
            double y = 0;
            for (int t = 0; t < steps; t++) {
                u[2 * t] = 2 * r.nextDouble() - 1;
                u[2 * t + 1] = 2 * r.nextDouble() - 1;
                y += u[2 * t] * u[2 * t + 1];
            }
            out.add(new Sequence(steps, 2, u, new double[] {y}));
        }
        return out;
    }

    /**
     * From weights of 0.3 rather than the tutorial's 0.01, whose plateau (predicting the mean) lasts
     * a seed-dependent number of epochs: the command-line test covers the tutorial's start.
     */
    @Test
    void perSequenceSgdLearnsTheDotProductWellBeyondPredictingTheMean() {
        RegressionSpec spec = new RegressionSpec(2, 8, 1, RegressionSpec.FULL_BPTT, Activation.SIGMOID, false, Dtype.DOUBLE);
        List<Sequence> train = dotProducts(2000, 5, 1);
        List<Sequence> heldout = dotProducts(500, 5, 2);
        RnnRegressionModel model = RnnRegressionModel.initialize(spec, 3);
        for (String name : model.parameters().names()) model.parameters().get(name).muli(30);
        double before = new ExampleScorer<>(spec).score(heldout, model.parameters()).perTargetLoss();
        Parameters trained = new TrainingLoop(30, 1, 0.05)
                .run(new SequentialBackend<>(spec, train, heldout, null), model.parameters(), 0, new TrainingListener() { });
        double after = new ExampleScorer<>(spec).score(heldout, trained).perTargetLoss();
        assertTrue(after < 0.1 * before, "held-out MSE " + before + " -> " + after);
    }

    @Test
    void minibatchSgdOfOneSequenceEqualsPerSequenceSgd() {
        RegressionSpec spec = new RegressionSpec(2, 4, 1, RegressionSpec.FULL_BPTT, Activation.SIGMOID, false, Dtype.DOUBLE);
        List<Sequence> train = dotProducts(50, 4, 5);
        Parameters a = RnnRegressionModel.initialize(spec, 6).parameters();
        Parameters b = a.copy();
        new SequentialBackend<>(spec, train, null, null).trainEpoch(a, StepRates.constant(0.1), 0);
        new SequentialBackend<>(spec, train, null, null, 1).trainEpoch(b, StepRates.constant(0.1), 0);
        assertTrue(a.toVector().sameAs(b.toVector()));
        new SequentialBackend<>(spec, train, null, null, 7).trainEpoch(b, StepRates.constant(0.1), 1);
        assertFalse(a.toVector().sameAs(b.toVector()));
    }
}
