package org.sparkrnnlm.jobs.workflow;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import org.sparkrnnlm.core.model.ModelInfo;
import org.sparkrnnlm.core.model.OptimizerStateFile;
import org.sparkrnnlm.core.model.TrainableModel;
import org.sparkrnnlm.core.optim.OptimizerSettings;
import org.sparkrnnlm.core.optim.OptimizerState;
import org.sparkrnnlm.core.optim.UpdateRule;
import org.sparkrnnlm.core.store.AtomicReplace;
import org.sparkrnnlm.core.store.FileStore;
import org.sparkrnnlm.core.tensor.Parameters;
import org.sparkrnnlm.core.train.LossTotals;
import org.sparkrnnlm.core.train.TrainingListener;
import org.sparkrnnlm.core.train.TrainingLoop;
import org.sparkrnnlm.jobs.distributed.BlockMomentum;
import org.sparkrnnlm.jobs.distributed.DistributedBackend;
import org.sparkrnnlm.jobs.hadoop.HadoopFileStore;
import org.sparkrnnlm.jobs.report.MetricsLog;
import org.sparkrnnlm.jobs.report.MetricsRecord;
import org.sparkrnnlm.jobs.report.Progress;
import org.sparkrnnlm.jobs.settings.InvalidSettingException;

/**
 * One training job's output directory, for any model: metrics, loss plot, checkpoints, progress
 * lines and the final model.
 */
public final class TrainingRun<E, I extends ModelInfo> implements TrainingListener {
    private static final String METRICS = "metrics.jsonl";
    private final HadoopFileStore store;
    private final String output;
    private final Checkpoints checkpoints;
    private final PrintStream log;
    private MetricsLog metrics;
    private final String command;
    private final LossChart chart;
    private final String examples;
    private TrainableModel<E, I> model;
    private TrainingLoop loop;
    private DistributedBackend<E> backend;
    private Progress progress;
    private long startNanos;
    private long trainNanos;
    private long epochStartNanos;
    private long lastEvaluatedExamples;
    private long lastTrainNanos;
    private int epochsDone;
    private int firstEpoch;
    private LossTotals trainedSinceEvaluation = new LossTotals();

    /**
     * @param command the command name that prefixes log lines ("train", "train-regression")
     * @param examples what an example is called in them ("sentences", "sequences")
     */
    public TrainingRun(String command, String examples, HadoopFileStore store, String output, int keepCheckpoints, LossChart chart,
                       PrintStream log) {
        this.chart = chart;
        this.command = command;
        this.examples = examples;
        this.store = store;
        this.output = output;
        this.checkpoints = new Checkpoints(store, output, keepCheckpoints);
        this.log = log;
    }

    /** Where a run goes on from: a checkpoint's path and how far its training got. */
    public record Resumed(String path, ModelInfo.Progress progress, Parameters optimizerState) {
    }

    /** A checkpoint to go on from: its progress and, when its run used a rule with state, that state. */
    public static Resumed resumed(HadoopFileStore store, String checkpoint, ModelInfo info) throws IOException {
        return new Resumed(checkpoint, info.progress(), OptimizerStateFile.read(store, checkpoint));
    }

    /**
     * The newest checkpoint of the run in {@code output} when resuming (null when there is none
     * yet), after checking that a run that is not resumed does not write over another.
     */
    public static String newestCheckpoint(HadoopFileStore store, String output, boolean resume) throws IOException {
        if (resume) return new Checkpoints(store, output, 1).newest();
        if (store.exists(FileStore.join(output, METRICS)) || store.exists(FileStore.join(output, "checkpoints"))) {
            throw new InvalidSettingException("--output " + output
                    + " already holds a training run: pass --resume to continue it, or choose another directory");
        }
        return null;
    }

    /**
     * The weights with the rule's state and the block filter's: the checkpoint's when resuming, else
     * zeros. Both live in the checkpoint's optimizer.npz.
     */
    private static Parameters withState(Parameters weights, OptimizerSettings optimizer, BlockMomentum filter, Resumed resumed) {
        if (resumed == null) return filter.withZeroState(OptimizerState.attach(weights, UpdateRule.of(optimizer)));
        Parameters saved = resumed.optimizerState() != null ? resumed.optimizerState()
                : new Parameters(weights.dtype(), java.util.Map.of());
        Parameters all = withRuleState(weights, optimizer, resumed, BlockMomentum.withoutState(saved));
        return withBlockState(all, filter, resumed.path(), BlockMomentum.state(saved));
    }

    private static Parameters withRuleState(Parameters weights, OptimizerSettings optimizer, Resumed resumed, Parameters state) {
        try {
            return OptimizerState.attach(weights, UpdateRule.of(optimizer), state);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException("--optimizer " + optimizer.optimizer().lowerCase() + " contradicts the run's checkpoint "
                    + resumed.path() + ", trained with " + OptimizerState.optimizerOf(state).lowerCase());
        }
    }

    /** A checkpoint continues with the filter it was trained with: D is part of the state. */
    private static Parameters withBlockState(Parameters all, BlockMomentum filter, String checkpoint, Parameters state) {
        boolean saved = !state.names().isEmpty();
        if (filter.off() && !saved) return all;
        String given = "--block-momentum " + filter.momentum() + " --block-lr " + filter.learningRate();
        if (filter.off()) {
            throw new InvalidSettingException(given + " (plain averaging) contradicts the run's checkpoint " + checkpoint
                    + ", trained with block momentum: resume with its --block-momentum and --block-lr");
        }
        if (!saved) {
            throw new InvalidSettingException(given + " contradicts the run's checkpoint " + checkpoint + ", trained without block momentum");
        }
        try {
            return BlockMomentum.withState(all, state);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException("the run's checkpoint " + checkpoint + " holds block state that does not fit: " + e.getMessage());
        }
    }

    /** Trains {@code initial} (the checkpoint's model when {@code resumed} is not null) and writes the run's files. */
    public TrainableModel<E, I> run(TrainableModel<E, I> initial, DistributedBackend<E> backend, Schedule schedule,
                                    DistributedSettings distributed, Resumed resumed) throws IOException {
        this.backend = backend;
        this.loop = schedule.loop().guard(distributed.divergenceFactor(), distributed.maxRollbacks());
        backend.epochs(loop.epochs());
        Parameters start = withState(initial.parameters(), schedule.optimizer(), backend.blockFilter(), resumed);
        int epochs = loop.epochs();
        this.model = initial;
        firstEpoch = 0;
        if (resumed != null) {
            ModelInfo.Progress p = resumed.progress();
            loop.resumeFrom(p.learningRate(), p.examplesSeen(), p.lossHistory());
            log.printf(command + ": resuming from %s (epoch %d, learning rate %s)%n", resumed.path(), p.epoch(), p.learningRate());
            firstEpoch = p.epoch();
        }
        metrics = new MetricsLog(store, FileStore.join(output, METRICS));
        if (resumed != null) metrics.retainBefore(loop.examplesSeen());
        epochsDone = firstEpoch;
        long total = Math.max(0, (long) (epochs - firstEpoch) * backend.examplesPerEpoch());
        progress = new Progress(command, total, examples, Duration.ofSeconds(10), log, System::nanoTime);
        backend.onRound(done -> progress.advance((long) (epochsDone - firstEpoch) * backend.examplesPerEpoch() + done));
        startNanos = System.nanoTime();
        epochStartNanos = startNanos;
        log.printf("%s: %,d %s (%,d targets) per epoch, %s, %d partitions, epochs %d..%d%n", command,
                backend.examplesPerEpoch(), examples, backend.targetsPerEpoch(), model.summary(), backend.partitions(), firstEpoch, epochs - 1);
        if (backend.roundsNote() != null) log.printf("%s: %s%n", command, backend.roundsNote());
        backend.onNote(note -> log.printf("%s: %s%n", command, note));
        Parameters trained = loop.run(backend, start, firstEpoch, this);
        progress.finish();
        model = model.withParameters(OptimizerState.weights(trained));
        TrainableModel<E, I> done = model;
        I info = info(epochs);
        AtomicReplace.directory(store, FileStore.join(output, "model"), dir -> done.save(store, dir, info));
        log.printf(command + ": model in %s, loss plot in %s%n", FileStore.join(output, "model"), FileStore.join(output, "loss.png"));
        return model;
    }

    private I info(int epoch) {
        return model.describe(new ModelInfo.Progress(loop.learningRate(), epoch, loop.examplesSeen(), loop.lossHistory()));
    }

    @Override
    public void evaluated(int epoch, long examplesSeen, double loss, double perTargetLoss, double learningRate, boolean halved) {
        double seconds = (trainNanos - lastTrainNanos) / 1e9;
        double epochsTrained = (double) (examplesSeen - lastEvaluatedExamples) / backend.examplesPerEpoch();
        double targetsPerSecond = seconds > 0 ? epochsTrained * backend.targetsPerEpoch() / seconds : 0;
        Double trainingLoss = trainedSinceEvaluation.examples() == 0 ? null : trainedSinceEvaluation.perTargetLoss();
        trainedSinceEvaluation = new LossTotals();
        lastTrainNanos = trainNanos;
        lastEvaluatedExamples = examplesSeen;
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        log.printf(command + ": loss after %,d examples (epoch %d): %.6f, learning rate %s%s%n", examplesSeen, epoch, loss,
                learningRate, halved ? " (halved: the loss rose)" : "");
        try {
            metrics.append(new MetricsRecord(epoch, examplesSeen, loss, perTargetLoss, trainingLoss, learningRate, targetsPerSecond, elapsed));
            writePlot(metrics.records());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        epochStartNanos = System.nanoTime();
    }

    private void writePlot(List<MetricsRecord> records) throws IOException {
        String plot = FileStore.join(output, "loss.png");
        AtomicReplace.file(store, plot, out -> chart.write(command, records, out));
    }

    @Override
    public void rolledBack(int epoch, String why, double learningRate) {
        log.printf(command + ": divergence (%s): back to epoch %d with learning rate %s%n", why, epoch, learningRate);
        epochsDone = epoch;
        trainedSinceEvaluation = new LossTotals();
    }

    @Override
    public void epochDone(int epoch, long examplesSeen, Parameters parameters, double learningRate, LossTotals losses) {
        trainNanos += System.nanoTime() - epochStartNanos;
        trainedSinceEvaluation.merge(losses);
        epochsDone = epoch + 1;
        try {
            checkpoints.write(epoch + 1, model.withParameters(OptimizerState.weights(parameters)), info(epoch + 1),
                    OptimizerState.state(parameters));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        epochStartNanos = System.nanoTime();
    }
}
