package org.sparkrnnlm.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sparkrnnlm.core.lm.LanguageModelSpec;
import org.sparkrnnlm.core.lm.RnnLanguageModel;
import org.sparkrnnlm.core.optim.Optimizer;
import org.sparkrnnlm.core.optim.OptimizerSettings;
import org.sparkrnnlm.core.optim.OptimizerState;
import org.sparkrnnlm.core.optim.UpdateRule;
import org.sparkrnnlm.core.tensor.Dtype;
import org.sparkrnnlm.core.tensor.Parameters;

/**
 * Per-example training with an update rule, against the rule stepped by hand on each example's own
 * gradient: bit for bit where the output layer's product is made in one block, as the dense gradient is.
 */
class ExampleTrainingTest {
    private static final List<int[]> SENTENCES = List.of(new int[] {0, 3, 5, 1}, new int[] {2, 3, 6, 6, 4}, new int[] {1}, new int[] {5, 0, 2});

    @ParameterizedTest
    @EnumSource(value = Optimizer.class, names = {"ADAGRAD", "ADAM"})
    void eachStepUsesOnlyItsOwnSentencesGradient(Optimizer optimizer) {
        Parameters[] trainedAndByHand = trainBothWays(optimizer, () -> RnnLanguageModel.initialize(7, 5, 4, Dtype.FLOAT, 3), SENTENCES);
        for (String name : trainedAndByHand[1].names()) assertEquals(trainedAndByHand[1].get(name), trainedAndByHand[0].get(name), name);
    }

    /** C x H = 1500 x 40 is more than one block of the output layer's product: each block steps as the whole gradient would. */
    @ParameterizedTest
    @EnumSource(value = Optimizer.class, names = {"ADAGRAD", "ADAM"})
    void aLargeOutputLayerStepsAsItsWholeGradientWould(Optimizer optimizer) {
        List<int[]> sentences = List.of(new int[] {3, 1499, 700, 12, 5, 800, 2, 1000, 9, 1400, 4, 8}, new int[] {0, 1498, 750, 6, 1, 13, 90});
        Parameters[] trainedAndByHand = trainBothWays(optimizer, () -> RnnLanguageModel.initialize(1500, 40, 4, Dtype.DOUBLE, 5), sentences);
        for (String name : trainedAndByHand[1].names()) {
            double worst = trainedAndByHand[1].get(name).sub(trainedAndByHand[0].get(name)).amaxNumber().doubleValue();
            assertEquals(0.0, worst, 1e-12, name);
        }
    }

    /** Weights and state after ExampleTraining, and after the rule stepped by hand on each sentence's own dense gradient. */
    private static Parameters[] trainBothWays(Optimizer optimizer, Supplier<RnnLanguageModel> model, List<int[]> sentences) {
        LanguageModelSpec spec = model.get().spec();
        OptimizerSettings settings = OptimizerSettings.defaults(optimizer);
        Parameters trained = OptimizerState.attach(model.get().parameters(), UpdateRule.of(settings));
        new ExampleTraining<>(spec, spec.newGradient(), settings).run(sentences.iterator(), sentences.size(), trained, 0.01);

        UpdateRule rule = UpdateRule.of(settings);
        Parameters byHand = OptimizerState.attach(model.get().parameters(), rule);
        ExampleGradient<int[]> math = spec.newGradient();
        for (int[] ids : sentences) {
            Parameters weights = OptimizerState.weights(byHand);
            Parameters own = weights.zerosLike();
            math.accumulate(ids, weights, own, 1.0);
            rule.step(byHand, own, spec.sparseRuns(ids), 0.01, 1.0);
        }
        return new Parameters[] {trained, byHand};
    }
}
