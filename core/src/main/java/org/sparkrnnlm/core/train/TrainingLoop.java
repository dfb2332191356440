package org.sparkrnnlm.core.train;

import java.util.ArrayList;
import java.util.List;
import org.sparkrnnlm.core.tensor.Parameters;

/**
 * The tutorial's train(): every {@code evaluateEvery} epochs (epoch 0 included, before it trains)
 * evaluate the loss and halve the rate when it rose, then train the epoch. One last evaluation
 * follows the final epoch so the record ends with the trained model's loss.
 */
public final class TrainingLoop {
    private final int epochs;
    private final int evaluateEvery;
    private final List<double[]> lossHistory = new ArrayList<>();
    private Annealing annealing;
    private long examplesSeen;

    public TrainingLoop(int epochs, int evaluateEvery, double learningRate) {
        if (epochs < 0) throw new IllegalArgumentException("--epochs must be at least 0, got " + epochs);
        if (evaluateEvery < 1) throw new IllegalArgumentException("--evaluate-every must be at least 1, got " + evaluateEvery);
        this.epochs = epochs;
        this.evaluateEvery = evaluateEvery;
        this.annealing = new Annealing(learningRate);
    }

    /** Continues a run: the history's last loss is what the next evaluation is compared with. */
    public TrainingLoop resumeFrom(double learningRate, long examplesSeen, List<double[]> history) {
        lossHistory.clear();
        lossHistory.addAll(history);
        this.examplesSeen = examplesSeen;
        this.annealing = history.isEmpty() ? new Annealing(learningRate)
                : new Annealing(learningRate, history.get(history.size() - 1)[1]);
        return this;
    }

    public Parameters run(TrainingBackend backend, Parameters parameters, int firstEpoch, TrainingListener listener) {
        Parameters current = parameters;
        for (int epoch = firstEpoch; epoch < epochs; epoch++) {
            if (epoch % evaluateEvery == 0) evaluate(backend, current, epoch, listener, true);
            current = backend.trainEpoch(current, annealing.learningRate(), epoch);
            examplesSeen += backend.sentencesPerEpoch();
            listener.epochDone(epoch, examplesSeen, current, annealing.learningRate());
        }
        if (epochs > firstEpoch || firstEpoch == 0) evaluate(backend, current, epochs, listener, false);
        return current;
    }

    private void evaluate(TrainingBackend backend, Parameters p, int epoch, TrainingListener listener, boolean anneal) {
        double loss = backend.evaluate(p).loss();
        boolean halved = anneal && annealing.observe(loss);
        lossHistory.add(new double[] {examplesSeen, loss});
        listener.evaluated(epoch, examplesSeen, loss, annealing.learningRate(), halved);
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
