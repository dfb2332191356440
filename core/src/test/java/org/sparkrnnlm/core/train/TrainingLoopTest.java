package org.sparkrnnlm.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sparkrnnlm.core.tensor.Dtype;
import org.sparkrnnlm.core.tensor.Parameters;

class TrainingLoopTest {

    /** A backend that trains nothing: evaluations return scripted losses, and every call is recorded. */
    private static final class ScriptedBackend implements TrainingBackend {
        private final double[] losses;
        private final long sentences;
        final List<Double> learningRates = new ArrayList<>();
        final List<Integer> trainedEpochs = new ArrayList<>();
        /** How many epochs had trained when each evaluation ran. */
        final List<Integer> evaluatedAfter = new ArrayList<>();
        final List<Parameters> trainedOn = new ArrayList<>();
        final List<Parameters> evaluatedOn = new ArrayList<>();
        final List<Parameters> returned = new ArrayList<>();
        private int next;

        ScriptedBackend(long sentences, double... losses) {
            this.sentences = sentences;
            this.losses = losses;
        }

        @Override
        public LossTotals evaluate(Parameters parameters) {
            evaluatedAfter.add(trainedEpochs.size());
            evaluatedOn.add(parameters);
            if (next >= losses.length) throw new AssertionError("more evaluations than scripted losses: " + (next + 1));
            // One sentence of one target: loss() is exactly the scripted value.
            return new LossTotals().add(losses[next++], 1);
        }

        @Override
        public TrainedEpoch trainEpoch(Parameters parameters, StepRates rates, int epoch) {
            learningRates.add(rates.base());
            trainedEpochs.add(epoch);
            trainedOn.add(parameters);
            Parameters out = parameters(epoch + 1);
            returned.add(out);
            return new TrainedEpoch(out, new LossTotals().add(epoch, 1));
        }

        @Override
        public long examplesPerEpoch() {
            return sentences;
        }

        @Override
        public long targetsPerEpoch() {
            return sentences * 10;
        }

        int evaluations() {
            return next;
        }
    }

    /** Records what the loop reports. */
    private static final class Recorder implements TrainingListener {
        final List<Integer> evaluatedEpochs = new ArrayList<>();
        final List<Long> evaluatedExamples = new ArrayList<>();
        final List<Double> evaluatedLosses = new ArrayList<>();
        final List<Boolean> halved = new ArrayList<>();
        final List<Double> reportedRates = new ArrayList<>();
        final List<Integer> doneEpochs = new ArrayList<>();
        final List<Double> epochLosses = new ArrayList<>();
        final List<Long> doneExamples = new ArrayList<>();

        @Override
        public void evaluated(int epoch, long examplesSeen, double loss, double perTargetLoss, double learningRate, boolean wasHalved) {
            evaluatedEpochs.add(epoch);
            evaluatedExamples.add(examplesSeen);
            evaluatedLosses.add(loss);
            reportedRates.add(learningRate);
            halved.add(wasHalved);
        }

        @Override
        public void epochDone(int epoch, long examplesSeen, Parameters parameters, double learningRate, LossTotals losses) {
            doneEpochs.add(epoch);
            epochLosses.add(losses.loss());
            doneExamples.add(examplesSeen);
        }
    }

    /** A distinct tiny parameter set per tag, so the test can follow which object goes where. */
    private static Parameters parameters(int tag) {
        LinkedHashMap<String, INDArray> arrays = new LinkedHashMap<>();
        arrays.put("tag", Nd4j.scalar((double) tag).reshape(1, 1));
        return new Parameters(Dtype.DOUBLE, arrays);
    }

    private static List<Double> rates(double... r) {
        List<Double> out = new ArrayList<>();
        for (double x : r) out.add(x);
        return out;
    }

    @Test
    void learningRateHalvesExactlyAtEpochsWhereTheLossRose() {
        //                                      e0   e1   e2   e3   e4   e5   e6   final
        ScriptedBackend backend = new ScriptedBackend(10, 5.0, 4.0, 4.5, 4.5, 4.6, 3.0, 3.5, 3.4);
        new TrainingLoop(7, 1, 1.0).run(backend, parameters(0), 0, new Recorder());

        assertEquals(rates(1.0, 1.0, 0.5, 0.5, 0.25, 0.25, 0.125), backend.learningRates);
    }

    @Test
    void listenerIsToldWhichEvaluationsHalvedTheRate() {
        ScriptedBackend backend = new ScriptedBackend(10, 5.0, 4.0, 4.5, 4.5, 4.6, 3.0, 3.5, 3.4);
        Recorder recorder = new Recorder();
        new TrainingLoop(7, 1, 1.0).run(backend, parameters(0), 0, recorder);

        assertEquals(List.of(false, false, true, false, true, false, true), recorder.halved.subList(0, 7));
        assertEquals(rates(1.0, 1.0, 0.5, 0.5, 0.25, 0.25, 0.125), recorder.reportedRates.subList(0, 7));
        assertEquals(rates(5.0, 4.0, 4.5, 4.5, 4.6, 3.0, 3.5, 3.4), recorder.evaluatedLosses);
    }

    @Test
    void equalLossDoesNotHalve() {
        ScriptedBackend backend = new ScriptedBackend(10, 2.0, 2.0, 2.0, 2.0);
        TrainingLoop loop = new TrainingLoop(3, 1, 0.005);
        loop.run(backend, parameters(0), 0, new Recorder());

        assertEquals(rates(0.005, 0.005, 0.005), backend.learningRates);
        assertEquals(0.005, loop.learningRate());
    }

    @Test
    void evaluationsHappenEveryKEpochsFromEpochZeroPlusAFinalOne() {
        ScriptedBackend backend = new ScriptedBackend(10, 5.0, 4.0, 3.0, 2.0, 1.0);
        Recorder recorder = new Recorder();
        new TrainingLoop(10, 3, 1.0).run(backend, parameters(0), 0, recorder);

        assertEquals(List.of(0, 3, 6, 9, 10), recorder.evaluatedEpochs);
        assertEquals(List.of(0, 3, 6, 9, 10), backend.evaluatedAfter, "each evaluation runs before its epoch trains");
        assertEquals(5, backend.evaluations());
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), backend.trainedEpochs);
    }

    @Test
    void finalEvaluationIsNotRepeatedWhenEpochsIsAMultipleOfK() {
        ScriptedBackend backend = new ScriptedBackend(10, 5.0, 4.0, 3.0);
        Recorder recorder = new Recorder();
        new TrainingLoop(4, 2, 1.0).run(backend, parameters(0), 0, recorder);

        assertEquals(List.of(0, 2, 4), recorder.evaluatedEpochs);
        assertEquals(3, backend.evaluations());
    }

    @Test
    void aRiseSeenEveryKEpochsHalvesTheRateForTheFollowingKEpochs() {
        //                                       e0   e3   e6   final
        ScriptedBackend backend = new ScriptedBackend(10, 5.0, 6.0, 5.5, 9.0);
        new TrainingLoop(9, 3, 0.008).run(backend, parameters(0), 0, new Recorder());

        assertEquals(rates(0.008, 0.008, 0.008, 0.004, 0.004, 0.004, 0.004, 0.004, 0.004), backend.learningRates);
    }

    @Test
    void evaluationsAreComparedWithThePreviousEvaluationOnly() {
        //                                       e0   e2   e4   e6   final
        ScriptedBackend backend = new ScriptedBackend(10, 3.0, 2.0, 2.5, 2.4, 2.0);
        new TrainingLoop(8, 2, 1.0).run(backend, parameters(0), 0, new Recorder());

        assertEquals(rates(1.0, 1.0, 1.0, 1.0, 0.5, 0.5, 0.5, 0.5), backend.learningRates);
    }

    @Test
    void examplesSeenAdvancesBySentencesPerEpoch() {
        ScriptedBackend backend = new ScriptedBackend(37, 5.0, 4.0, 3.0, 2.0);
        Recorder recorder = new Recorder();
        TrainingLoop loop = new TrainingLoop(5, 2, 1.0);
        loop.run(backend, parameters(0), 0, recorder);

        assertEquals(List.of(0, 1, 2, 3, 4), recorder.doneEpochs);
        assertEquals(List.of(37L, 74L, 111L, 148L, 185L), recorder.doneExamples);
        assertEquals(List.of(0L, 74L, 148L, 185L), recorder.evaluatedExamples);
        assertEquals(185L, loop.examplesSeen());
    }

    @Test
    void lossHistoryPairsExamplesSeenWithEachEvaluatedLoss() {
        ScriptedBackend backend = new ScriptedBackend(37, 5.0, 4.0, 3.0, 2.0);
        TrainingLoop loop = new TrainingLoop(5, 2, 1.0);
        loop.run(backend, parameters(0), 0, new Recorder());

        List<double[]> history = loop.lossHistory();
        assertEquals(4, history.size());
        assertArrayEquals(new double[] {0, 5.0}, history.get(0));
        assertArrayEquals(new double[] {74, 4.0}, history.get(1));
        assertArrayEquals(new double[] {148, 3.0}, history.get(2));
        assertArrayEquals(new double[] {185, 2.0}, history.get(3));
    }

    @Test
    void eachEpochTrainsOnWhatThePreviousEpochReturned() {
        ScriptedBackend backend = new ScriptedBackend(10, 5.0, 4.0, 3.0);
        Parameters initial = parameters(0);
        Parameters result = new TrainingLoop(3, 2, 1.0).run(backend, initial, 0, new Recorder());

        assertSame(initial, backend.trainedOn.get(0));
        assertSame(backend.returned.get(0), backend.trainedOn.get(1));
        assertSame(backend.returned.get(1), backend.trainedOn.get(2));
        assertSame(backend.returned.get(2), result);
        assertSame(initial, backend.evaluatedOn.get(0));
        assertSame(backend.returned.get(1), backend.evaluatedOn.get(1), "the epoch-2 evaluation sees the parameters after epoch 1");
        assertSame(result, backend.evaluatedOn.get(2), "the final evaluation sees the trained parameters");
    }

    @Test
    void zeroEpochsEvaluatesOnceAndTrainsNothing() {
        ScriptedBackend backend = new ScriptedBackend(10, 5.0);
        Parameters initial = parameters(0);
        TrainingLoop loop = new TrainingLoop(0, 1, 1.0);

        assertSame(initial, loop.run(backend, initial, 0, new Recorder()));
        assertEquals(1, backend.evaluations());
        assertTrue(backend.trainedEpochs.isEmpty());
        assertEquals(0, loop.examplesSeen());
    }

    @Test
    void resumingFromACheckpointFollowsTheUninterruptedSchedule() {
        double[] losses = {5.0, 4.0, 4.5, 4.6, 4.0, 3.0};
        ScriptedBackend whole = new ScriptedBackend(10, losses);
        new TrainingLoop(10, 2, 1.0).run(whole, parameters(0), 0, new Recorder());

        // The first run stops after epoch 5 (evaluations at 0, 2, 4 done); a checkpoint records its state.
        ScriptedBackend firstPart = new ScriptedBackend(10, losses);
        TrainingLoop first = new TrainingLoop(10, 2, 1.0);
        List<double[]>[] historyAtCheckpoint = new List[1];
        double[] rateAtCheckpoint = new double[1];
        long[] examplesAtCheckpoint = new long[1];
        try {
            first.run(firstPart, parameters(0), 0, new TrainingListener() {
                @Override
                public void epochDone(int epoch, long examplesSeen, Parameters parameters, double learningRate, LossTotals losses) {
                    if (epoch == 5) {
                        historyAtCheckpoint[0] = first.lossHistory();
                        rateAtCheckpoint[0] = learningRate;
                        examplesAtCheckpoint[0] = examplesSeen;
                        throw new IllegalStateException("stop");
                    }
                }
            });
        } catch (IllegalStateException expected) {
            // the run was interrupted
        }
        ScriptedBackend rest = new ScriptedBackend(10, java.util.Arrays.copyOfRange(losses, 3, losses.length));
        TrainingLoop resumed = new TrainingLoop(10, 2, 1.0)
                .resumeFrom(rateAtCheckpoint[0], examplesAtCheckpoint[0], historyAtCheckpoint[0]);
        resumed.run(rest, parameters(6), 6, new Recorder());

        assertEquals(List.of(6, 7, 8, 9), rest.trainedEpochs);
        assertEquals(whole.learningRates.subList(6, 10), rest.learningRates);
        assertEquals(100L, resumed.examplesSeen());
    }

    @Test
    void rejectsEvaluateEveryBelowOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TrainingLoop(3, 0, 1.0));
        assertTrue(e.getMessage().contains("evaluations"), e.getMessage());
        assertTrue(!e.getMessage().contains("--"), "core names no command-line flag: " + e.getMessage());
    }

    @Test
    void rejectsNegativeEpochs() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TrainingLoop(-1, 1, 1.0));
        assertTrue(e.getMessage().contains("epochs"), e.getMessage());
    }

    @Test
    void resumingKeepsTheAnnealingThresholdAndComparesWithTheCheckpointsLastLoss() {
        // Resumed after a loss of 4.0 with a 10% threshold: 4.2 (+5%) keeps the rate, 4.9 (+17%) halves it.
        ScriptedBackend backend = new ScriptedBackend(10, 4.2, 4.9, 4.0);
        TrainingLoop loop = new TrainingLoop(4, 1, Annealing.withThreshold(1.0, 0.10))
                .resumeFrom(0.5, 20, List.of(new double[] {0, 5.0}, new double[] {20, 4.0}));
        loop.run(backend, parameters(2), 2, new Recorder());

        assertEquals(rates(0.5, 0.25), backend.learningRates);
    }

    @Test
    void eachFinishedEpochReportsItsTrainingLosses() {
        // The scripted backend's epoch e reports one example of loss e.
        Recorder recorder = new Recorder();
        new TrainingLoop(3, 1, 1.0).run(new ScriptedBackend(10, 5.0, 4.0, 3.0, 2.0), parameters(0), 0, recorder);

        assertEquals(List.of(0.0, 1.0, 2.0), recorder.epochLosses);
    }
}
