package org.sparkrnnlm.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparkrnnlm.core.lm.RnnLanguageModel;
import org.sparkrnnlm.core.tensor.Dtype;
import org.sparkrnnlm.core.tensor.Parameters;

class DivergenceGuardTest {

    /** Scripted losses; an epoch listed in {@code poison} (once) leaves NaN in W; every epoch adds 1 to W[0]. */
    static final class Script implements TrainingBackend {
        final Deque<Double> losses;
        final Deque<Integer> poison;
        final List<String> calls = new ArrayList<>();

        Script(List<Double> losses, List<Integer> poison) {
            this.losses = new ArrayDeque<>(losses);
            this.poison = new ArrayDeque<>(poison);
        }

        @Override
        public LossTotals evaluate(Parameters p) {
            return new LossTotals().add(losses.removeFirst(), 1);
        }

        @Override
        public TrainedEpoch trainEpoch(Parameters p, StepRates rates, int epoch) {
            calls.add(epoch + "@" + rates.base());
            p.get("W").putScalar(0, p.get("W").getDouble(0) + 1);
            if (!poison.isEmpty() && poison.peekFirst() == epoch) {
                poison.removeFirst();
                p.get("W").putScalar(1, Double.NaN);
            }
            return new TrainedEpoch(p, new LossTotals());
        }

        @Override
        public long examplesPerEpoch() {
            return 10;
        }

        @Override
        public long targetsPerEpoch() {
            return 100;
        }
    }

    private static Parameters parameters() {
        return RnnLanguageModel.initialize(6, 3, 4, Dtype.DOUBLE, 1).parameters();
    }

    private static final class Log implements TrainingListener {
        final List<String> rollbacks = new ArrayList<>();

        @Override
        public void rolledBack(int epoch, String why, double learningRate) {
            rollbacks.add(epoch + ":" + learningRate + ":" + why);
        }
    }

    @Test
    void anOrdinaryRiseOnlyHalvesTheRate() {
        Script script = new Script(List.of(5.0, 4.0, 4.5, 4.2), List.of());
        Log log = new Log();
        new TrainingLoop(3, 1, 0.4).run(script, parameters(), 0, log);
        assertEquals(List.of("0@0.4", "1@0.4", "2@0.2"), script.calls);
        assertTrue(log.rollbacks.isEmpty());
    }

    @Test
    void aLossAboveTwiceTheBestRollsBackToTheLastGoodEvaluationWithHalfTheRate() {
        Script script = new Script(List.of(5.0, 4.0, 9.0, 3.9, 3.8), List.of());
        Log log = new Log();
        Parameters start = parameters();
        double w0 = start.get("W").getDouble(0);
        Parameters end = new TrainingLoop(3, 1, 0.4).run(script, start, 0, log);
        assertEquals(List.of("0@0.4", "1@0.4", "1@0.2", "2@0.2"), script.calls);
        assertEquals(1, log.rollbacks.size());
        assertTrue(log.rollbacks.get(0).startsWith("1:0.2:the loss 9.0"), log.rollbacks.toString());
        assertEquals(w0 + 3, end.get("W").getDouble(0), 1e-12, "the diverged epoch's work was discarded");
    }

    @Test
    void nonFiniteParametersRollBackTheEpoch() {
        Script script = new Script(List.of(5.0, 4.0, 3.9), List.of(1));
        Log log = new Log();
        Parameters end = new TrainingLoop(2, 1, 0.4).run(script, parameters(), 0, log);
        assertEquals(List.of("0@0.4", "1@0.4", "1@0.2"), script.calls);
        assertTrue(end.allFinite());
        assertTrue(log.rollbacks.get(0).contains("non-finite"), log.rollbacks.toString());
    }

    @Test
    void trainingFailsWithAClearMessageAfterTheAllowedRollbacks() {
        Script script = new Script(List.of(5.0, Double.NaN, Double.NaN, Double.NaN), List.of());
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> new TrainingLoop(3, 1, 0.4).guard(2.0, 2).run(script, parameters(), 0, new Log()));
        assertTrue(e.getMessage().contains("diverged 3 times") && e.getMessage().contains("NaN"), e.getMessage());
    }
}
