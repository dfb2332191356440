package org.sparkrnnlm.core.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sparkrnnlm.core.lm.RnnLanguageModel;
import org.sparkrnnlm.core.optim.LearningRateSchedule;
import org.sparkrnnlm.core.optim.OptimizerSettings;
import org.sparkrnnlm.core.tensor.Dtype;
import org.sparkrnnlm.core.tensor.Parameters;

class ScheduledTrainingTest {
    private static List<int[]> sentences() {
        Random r = new Random(5);
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < 12; i++) out.add(r.ints(2 + r.nextInt(8), 0, 20).toArray());
        return out;
    }

    @Test
    void perExampleSgdOnALinearScheduleStepsEachExampleAtItsOwnRate() {
        RnnLanguageModel model = RnnLanguageModel.initialize(20, 6, 4, Dtype.DOUBLE, 3);
        List<int[]> examples = sentences();
        StepRates rates = StepRates.ofEpoch(0.1, LearningRateSchedule.LINEAR, 1, 3, examples.size());
        Parameters scheduled = model.parameters().copy();
        new ExampleTraining<>(model.spec(), model.spec().newGradient(), OptimizerSettings.SGD)
                .run(examples.iterator(), examples.size(), scheduled, rates);
        // The tutorial's step, theta -= lr_j * grad_j, with lr_j written out: 0.1 * (1 - (12 + j) / 36).
        Parameters byHand = model.parameters().copy();
        ExampleGradient<int[]> math = model.spec().newGradient();
        for (int j = 0; j < examples.size(); j++) math.accumulate(examples.get(j), byHand, byHand, -0.1 * (1 - (12.0 + j) / 36));
        assertTrue(byHand.toVector().sameAs(scheduled.toVector()));
    }

    @Test
    void aLinearScheduleMovesTheWeightsLessThanAConstantOneAtTheSameBaseRate() {
        RnnLanguageModel model = RnnLanguageModel.initialize(20, 6, 4, Dtype.DOUBLE, 3);
        List<int[]> examples = sentences();
        Parameters constant = model.parameters().copy();
        Parameters linear = model.parameters().copy();
        new ExampleSgd<>(model.spec()).run(examples.iterator(), examples.size(), constant, 0.1);
        new ExampleTraining<>(model.spec(), model.spec().newGradient(), OptimizerSettings.SGD)
                .run(examples.iterator(), examples.size(), linear, StepRates.ofEpoch(0.1, LearningRateSchedule.LINEAR, 1, 2, examples.size()));
        double moved = distance(model.parameters(), linear);
        assertTrue(moved > 0 && moved < distance(model.parameters(), constant), "moved " + moved);
    }

    private static double distance(Parameters a, Parameters b) {
        double sum = 0;
        for (String name : a.names()) sum += Math.pow(a.get(name).distance2(b.get(name)), 2);
        return Math.sqrt(sum);
    }
}
