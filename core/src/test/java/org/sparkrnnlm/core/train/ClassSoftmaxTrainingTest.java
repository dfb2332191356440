package org.sparkrnnlm.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparkrnnlm.core.lm.LanguageModelSpec;
import org.sparkrnnlm.core.lm.RnnLanguageModel;
import org.sparkrnnlm.core.lm.WordClasses;
import org.sparkrnnlm.core.optim.Optimizer;
import org.sparkrnnlm.core.optim.OptimizerSettings;
import org.sparkrnnlm.core.optim.OptimizerState;
import org.sparkrnnlm.core.optim.UpdateRule;
import org.sparkrnnlm.core.tensor.Dtype;
import org.sparkrnnlm.core.tensor.Parameters;

/** Per-sentence training of a class-factored model with every update rule. */
class ClassSoftmaxTrainingTest {
    private static final int WORDS = 30;
    private static final int HIDDEN = 8;

    private static RnnLanguageModel model() {
        long[] counts = new long[WORDS];
        for (int w = 0; w < WORDS; w++) counts[w] = 300 / (w + 1);
        return RnnLanguageModel.initialize(WORDS, HIDDEN, 4, Dtype.DOUBLE, 5, WordClasses.byFrequency(counts, 5));
    }

    /** Sentences from a fixed bigram pattern, so that there is something to learn. */
    private static List<int[]> sentences(int count) {
        Random r = new Random(8);
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int[] ids = new int[2 + r.nextInt(8)];
            ids[0] = r.nextInt(WORDS);
            for (int t = 1; t < ids.length; t++) ids[t] = (3 * ids[t - 1] + 1) % WORDS;
            out.add(ids);
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(Optimizer.class)
    void everyUpdateRuleLowersTheLossOfAClassFactoredModel(Optimizer optimizer) {
        RnnLanguageModel model = model();
        LanguageModelSpec spec = model.spec();
        OptimizerSettings settings = OptimizerSettings.defaults(optimizer);
        Parameters all = OptimizerState.attach(model.parameters(), UpdateRule.of(settings));
        List<int[]> data = sentences(60);
        double before = new ExampleScorer<>(spec).score(data, model.parameters()).loss();
        ExampleTraining<int[]> training = new ExampleTraining<>(spec, spec.newGradient(), settings);
        for (int epoch = 0; epoch < 5; epoch++) training.run(data.iterator(), data.size(), all, RnnLanguageModel.defaultLearningRate(optimizer));
        double after = new ExampleScorer<>(spec).score(data, OptimizerState.weights(all)).loss();
        assertTrue(after < 0.9 * before, optimizer + ": loss " + before + " -> " + after);
    }

    @Test
    void adamChangesOnlyTheRowsOfVOfTheTargetsClasses() {
        RnnLanguageModel model = model();
        LanguageModelSpec spec = model.spec();
        OptimizerSettings settings = OptimizerSettings.defaults(Optimizer.ADAM);
        Parameters all = OptimizerState.attach(model.parameters(), UpdateRule.of(settings));
        INDArray vBefore = all.get(RnnLanguageModel.V).dup();
        int[] ids = {0, 1, 2};
        new ExampleTraining<>(spec, spec.newGradient(), settings).run(List.of(ids).iterator(), 1, all, 0.01);
        WordClasses classes = model.classes();
        INDArray v = all.get(RnnLanguageModel.V);
        INDArray m = all.get(RnnLanguageModel.V + ".adam_m");
        for (int row = 0; row < WORDS; row++) {
            int c = classes.classOf(classes.word(row));
            boolean target = c == classes.classOf(1) || c == classes.classOf(2);
            if (target) {
                assertNotEquals(vBefore.getRow(row), v.getRow(row), "row " + row);
            } else {
                assertEquals(vBefore.getRow(row), v.getRow(row), "row " + row);
                assertEquals(0.0, m.getRow(row).amaxNumber().doubleValue(), "row " + row);
            }
        }
    }
}
