package org.sparkrnnlm.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
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

/** Per-example training with an update rule, against the rule stepped by hand on each example's own gradient. */
class ExampleTrainingTest {
    private static final List<int[]> SENTENCES = List.of(new int[] {0, 3, 5, 1}, new int[] {2, 3, 6, 6, 4}, new int[] {1}, new int[] {5, 0, 2});

    @ParameterizedTest
    @EnumSource(value = Optimizer.class, names = {"ADAGRAD", "ADAM"})
    void eachStepUsesOnlyItsOwnSentencesGradient(Optimizer optimizer) {
        LanguageModelSpec spec = RnnLanguageModel.initialize(7, 5, 4, Dtype.FLOAT, 3).spec();
        OptimizerSettings settings = OptimizerSettings.defaults(optimizer);
        Parameters trained = OptimizerState.attach(RnnLanguageModel.initialize(7, 5, 4, Dtype.FLOAT, 3).parameters(), UpdateRule.of(settings));
        new ExampleTraining<>(spec, spec.newGradient(), settings).run(SENTENCES.iterator(), SENTENCES.size(), trained, 0.01);

        UpdateRule rule = UpdateRule.of(settings);
        Parameters byHand = OptimizerState.attach(RnnLanguageModel.initialize(7, 5, 4, Dtype.FLOAT, 3).parameters(), rule);
        ExampleGradient<int[]> math = spec.newGradient();
        for (int[] ids : SENTENCES) {
            Parameters weights = OptimizerState.weights(byHand);
            Parameters own = weights.zerosLike();
            math.accumulate(ids, weights, own, 1.0);
            rule.step(byHand, own, spec.sparseRuns(ids), 0.01, 1.0);
        }
        for (String name : byHand.names()) assertEquals(byHand.get(name), trained.get(name), name);
    }
}
