package org.sparkrnnlm.core.train;

import java.util.ArrayList;
import java.util.List;
import org.sparkrnnlm.core.optim.LearningRateSchedule;
import org.sparkrnnlm.core.tensor.Parameters;

/**
 * The tutorial's train(): every {@code evaluateEvery} epochs (epoch 0 included, before it trains)
 * evaluate the loss and halve the rate when it rose, then train the epoch. One last evaluation
 * follows the final epoch so the record ends with the trained model's loss.
 *
 * <p>Beyond the tutorial, a divergence guard: non-finite parameters after an epoch, or an
 * evaluated loss that is not finite or above {@code divergenceFactor} times the best so far, roll
 * training back to the last good evaluation with half the learning rate. Ordinary runs never
 * trigger it, so they follow the tutorial exactly.
 */
public final class TrainingLoop {
    private final int epochs;
    private final int evaluateEvery;
    private final List<double[]> lossHistory = new ArrayList<>();
    private Annealing annealing;
    private long examplesSeen;
    private double divergenceFactor = 2.0;
    private int maxRollbacks = 3;
    private LearningRateSchedule schedule = LearningRateSchedule.CONSTANT;

    /** The tutorial's schedule: halve on any rise. */
    public TrainingLoop(int epochs, int evaluateEvery, double learningRate) {
        this(epochs, evaluateEvery, new Annealing(learningRate));
    }

    public TrainingLoop(int epochs, int evaluateEvery, Annealing annealing) {
        if (epochs < 0) throw new IllegalArgumentException("epochs must be at least 0, got " + epochs);
        if (evaluateEvery < 1) throw new IllegalArgumentException("evaluations must be at least 1 epoch apart, got " + evaluateEvery);
        this.epochs = epochs;
        this.evaluateEvery = evaluateEvery;
        this.annealing = annealing;
    }

    /** Sets the guard: a loss above factor x the best so far diverged; give up after maxRollbacks in a row. */
    public TrainingLoop guard(double factor, int rollbacks) {
        if (!(factor > 1)) throw new IllegalArgumentException("divergence factor must be above 1, got " + factor);
        if (rollbacks < 0) throw new IllegalArgumentException("max rollbacks must be at least 0, got " + rollbacks);
        this.divergenceFactor = factor;
        this.maxRollbacks = rollbacks;
        return this;
    }

    /** Sets how the rate moves within the run (annealing still halves it); constant by default. */
    public TrainingLoop schedule(LearningRateSchedule s) {
        this.schedule = java.util.Objects.requireNonNull(s);
        return this;
    }

    /** Continues a run: the history's last loss is what the next evaluation is compared with. */
    public TrainingLoop resumeFrom(double learningRate, long examplesSeen, List<double[]> history) {
        lossHistory.clear();
        lossHistory.addAll(history);
        this.examplesSeen = examplesSeen;
        this.annealing = annealing.resumedAt(learningRate, history.isEmpty() ? Double.NaN : history.get(history.size() - 1)[1]);
        return this;
    }

    /** Where training can go back to: the state just after a good evaluation (or the start). */
    private record Snapshot(int epoch, Parameters parameters, long examplesSeen, List<double[]> history, double previousLoss,
                            boolean evaluated) {
    }

    public Parameters run(TrainingBackend backend, Parameters parameters, int firstEpoch, TrainingListener listener) {
        Parameters current = parameters;
        Snapshot good = snapshot(firstEpoch, current, false);
        int rollbacks = 0;
        int epoch = firstEpoch;
        boolean evaluated = false;
        boolean finalDone = epochs <= firstEpoch && firstEpoch > 0;
        while (!finalDone) {
            String divergence = null;
            boolean last = epoch >= epochs;
            if (!evaluated && (last || epoch % evaluateEvery == 0)) {
                LossTotals evaluation = backend.evaluate(current);
                double loss = evaluation.loss();
                divergence = check(loss);
                if (divergence == null) {
                    boolean halved = !last && annealing.observe(loss);
                    lossHistory.add(new double[] {examplesSeen, loss});
                    listener.evaluated(epoch, examplesSeen, loss, evaluation.perTargetLoss(), annealing.learningRate(), halved);
                    good = snapshot(epoch, current, true);
                    rollbacks = 0;
                }
            }
            if (divergence == null && last) {
                finalDone = true;
            } else if (divergence == null) {
                StepRates rates = StepRates.ofEpoch(annealing.learningRate(), schedule, epoch, epochs, backend.examplesPerEpoch());
                TrainedEpoch trained = backend.trainEpoch(current, rates, epoch);
                current = trained.parameters();
                if (current.allFinite()) {
                    examplesSeen += backend.examplesPerEpoch();
                    listener.epochDone(epoch, examplesSeen, current, annealing.learningRate(), trained.losses());
                    epoch++;
                    evaluated = false;
                } else {
                    divergence = "epoch " + epoch + " produced non-finite parameters";
                }
            }
            if (divergence != null) {
                if (++rollbacks > maxRollbacks) {
                    throw new TrainingDivergedException("training diverged " + rollbacks + " times in a row (last: "
                            + divergence + "); lower the learning rate or allow more rollbacks");
                }
                current = restore(good);
                epoch = good.epoch();
                evaluated = good.evaluated();
                listener.rolledBack(epoch, divergence, annealing.learningRate());
            }
        }
        return current;
    }

    /** Why a loss counts as divergence, or null when it does not. */
    private String check(double loss) {
        if (!Double.isFinite(loss)) return "the loss is " + loss;
        double best = lossHistory.stream().mapToDouble(h -> h[1]).min().orElse(Double.NaN);
        if (!Double.isNaN(best) && loss > divergenceFactor * best) {
            return String.format("the loss %.6f is above %s x the best %.6f", loss, divergenceFactor, best);
        }
        return null;
    }

    private Snapshot snapshot(int epoch, Parameters p, boolean evaluated) {
        double previous = lossHistory.isEmpty() ? Double.NaN : lossHistory.get(lossHistory.size() - 1)[1];
        return new Snapshot(epoch, p.copy(), examplesSeen, List.copyOf(lossHistory), previous, evaluated);
    }

    /** Back to the snapshot, with half the current learning rate. */
    private Parameters restore(Snapshot s) {
        examplesSeen = s.examplesSeen();
        lossHistory.clear();
        lossHistory.addAll(s.history());
        annealing = annealing.rolledBackTo(s.previousLoss());
        return s.parameters().copy();
    }

    public int epochs() {
        return epochs;
    }

    public double learningRate() {
        return annealing.learningRate();
    }

    public long examplesSeen() {
        return examplesSeen;
    }

    public List<double[]> lossHistory() {
        return List.copyOf(lossHistory);
    }
}
