package org.sparkrnnlm.core.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sparkrnnlm.core.lm.GradientFixtures.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparkrnnlm.core.tensor.Dtype;
import org.sparkrnnlm.core.tensor.Parameters;

class LanguageModelBatchTest {

    private static List<int[]> batch() {
        List<int[]> batch = new ArrayList<>();
        int[] lengths = {5, 1, 9, 0, 3, 14, 2};
        for (int i = 0; i < lengths.length; i++) batch.add(sentence(lengths[i], 40 + i));
        batch.add(new int[] {0});
        return batch;
    }

    @Test
    void aBatchsGradientEqualsTheSumOfItsSentencesGradientsInDouble() {
        RnnLanguageModel model = model(4, Dtype.DOUBLE, 77);
        Parameters p = model.parameters();
        LanguageModelGradient math = new LanguageModelGradient(model);
        Parameters summed = p.zerosLike();
        double expectedLoss = 0;
        for (int[] ids : batch()) expectedLoss += math.accumulate(ids, p, summed, 0.5);
        Parameters batched = p.zerosLike();
        double[] losses = math.accumulateBatch(batch(), p, batched, 0.5);

        for (String name : List.of(RnnLanguageModel.U, RnnLanguageModel.W, RnnLanguageModel.V)) {
            assertTrue(maxAbsDifference(matrix(summed.get(name)), batched.get(name)) < 1e-12, name);
        }
        assertEquals(batch().size(), losses.length);
        assertEquals(expectedLoss, java.util.Arrays.stream(losses).sum(), 1e-10);
    }

    @Test
    void eachSentencesLossIsItsOwn() {
        RnnLanguageModel model = model(4, Dtype.DOUBLE, 78);
        LanguageModelGradient math = new LanguageModelGradient(model);
        double[] losses = math.accumulateBatch(batch(), model.parameters(), model.parameters().zerosLike(), 1.0);
        List<int[]> batch = batch();
        for (int i = 0; i < batch.size(); i++) assertEquals(math.loss(batch.get(i), model.parameters()), losses[i], 1e-10, "sentence " + i);
    }

    @Test
    void aBatchReusesItsBuffersAcrossSizes() {
        RnnLanguageModel model = model(3, Dtype.FLOAT, 79);
        LanguageModelGradient math = new LanguageModelGradient(model);
        Parameters first = model.parameters().zerosLike();
        math.accumulateBatch(batch(), model.parameters(), first, 1.0);
        math.accumulateBatch(List.of(sentence(40, 3)), model.parameters(), model.parameters().zerosLike(), 1.0);
        Parameters again = model.parameters().zerosLike();
        math.accumulateBatch(batch(), model.parameters(), again, 1.0);
        assertTrue(first.toVector().sameAs(again.toVector()));
    }
}
