package org.sparkrnnlm.jobs.workflow;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.sparkrnnlm.core.store.FileStore;
import org.sparkrnnlm.core.model.ModelInfo;
import org.sparkrnnlm.core.tensor.Parameters;
import org.sparkrnnlm.core.model.TrainableModel;
import org.sparkrnnlm.core.train.TrainingListener;
import org.sparkrnnlm.core.train.TrainingLoop;
import org.sparkrnnlm.jobs.cli.Main.UsageError;
import org.sparkrnnlm.jobs.report.LossPlot;
import org.sparkrnnlm.jobs.report.MetricsLog;
import org.sparkrnnlm.jobs.report.MetricsRecord;
import org.sparkrnnlm.jobs.report.Progress;
import org.sparkrnnlm.jobs.distributed.DistributedBackend;
import org.sparkrnnlm.jobs.hadoop.HadoopFileStore;

/**
 * One training job's output directory, for any model: metrics, loss plot, checkpoints, progress
 * lines and the final model.
 */
public final class TrainingRun<E> implements TrainingListener {
    private final HadoopFileStore store;
    private final String output;
    private final Checkpoints checkpoints;
    private final PrintStream log;
    private MetricsLog metrics;
    private final String command;
    private final String examples;
    private TrainableModel<E> model;
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

    /**
     * @param command the command name that prefixes log lines ("train", "train-regression")
     * @param examples what an example is called in them ("sentences", "sequences")
     */
    public TrainingRun(String command, String examples, HadoopFileStore store, String output, int keepCheckpoints, PrintStream log) {
        this.command = command;
        this.examples = examples;
        this.store = store;
        this.output = output;
        this.checkpoints = new Checkpoints(store, output, keepCheckpoints);
        this.log = log;
    }

    public TrainableModel<E> run(TrainableModel<E> initial, DistributedBackend<E> backend, TrainingLoop loop, boolean resume)
            throws IOException {
        this.backend = backend;
        this.loop = loop;
        int epochs = loop.epochs();
        this.model = initial;
        String metricsFile = FileStore.join(output, "metrics.jsonl");
        firstEpoch = 0;
        if (resume) {
            firstEpoch = restore();
        } else if (store.exists(metricsFile) || store.exists(FileStore.join(output, "checkpoints"))) {
            throw new UsageError("--output " + output + " already holds a training run: pass --resume to continue it, or choose another directory");
        }
        metrics = new MetricsLog(new Path(metricsFile), store.configuration());
        if (resume) metrics.retainBefore(loop.examplesSeen());
        epochsDone = firstEpoch;
        long total = Math.max(0, (long) (epochs - firstEpoch) * backend.examplesPerEpoch());
        progress = new Progress(command, total, examples, Duration.ofSeconds(10), log, System::nanoTime);
        backend.onRound(done -> progress.advance((long) (epochsDone - firstEpoch) * backend.examplesPerEpoch() + done));
        startNanos = System.nanoTime();
        epochStartNanos = startNanos;
        log.printf("%s: %,d %s (%,d targets) per epoch, %s, %d partitions, epochs %d..%d%n", command,
                backend.examplesPerEpoch(), examples, backend.targetsPerEpoch(), model.summary(), backend.partitions(), firstEpoch, epochs - 1);
        Parameters trained = loop.run(backend, model.parameters(), firstEpoch, this);
        progress.finish();
        model = model.withParameters(trained);
        ModelWriter.publish(store, FileStore.join(output, "model"), model, info(epochs));
        log.printf(command + ": model in %s, loss plot in %s%n", FileStore.join(output, "model"), FileStore.join(output, "loss.png"));
        return model;
    }

    /** Loads the newest checkpoint; returns the number of epochs it completed. */
    private int restore() throws IOException {
        String path = checkpoints.newest();
        if (path == null) {
            log.println(command + ": --resume found no checkpoint in " + output + ": starting from the beginning");
            return 0;
        }
        TrainableModel.Saved<E> loaded = model.loadLike(store, path);
        model = loaded.model();
        ModelInfo info = loaded.info();
        loop.resumeFrom(info.learningRate(), info.examplesSeen(), info.lossHistory());
        log.printf(command + ": resuming from %s (epoch %d, learning rate %s)%n", path, info.epoch(), info.learningRate());
        return info.epoch();
    }

    private ModelInfo info(int epoch) {
        return model.describe(new ModelInfo.Progress(loop.learningRate(), epoch, loop.examplesSeen(), loop.lossHistory()));
    }

    @Override
    public void evaluated(int epoch, long examplesSeen, double loss, double learningRate, boolean halved) {
        double seconds = (trainNanos - lastTrainNanos) / 1e9;
        double epochsTrained = (double) (examplesSeen - lastEvaluatedExamples) / backend.examplesPerEpoch();
        double tokensPerSecond = seconds > 0 ? epochsTrained * backend.targetsPerEpoch() / seconds : 0;
        lastTrainNanos = trainNanos;
        lastEvaluatedExamples = examplesSeen;
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        log.printf(command + ": loss after %,d examples (epoch %d): %.6f, learning rate %s%s%n", examplesSeen, epoch, loss,
                learningRate, halved ? " (halved: the loss rose)" : "");
        try {
            metrics.append(new MetricsRecord(epoch, examplesSeen, loss, learningRate, tokensPerSecond, elapsed));
            writePlot(metrics.records());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        epochStartNanos = System.nanoTime();
    }

    private void writePlot(List<MetricsRecord> records) throws IOException {
        String plot = FileStore.join(output, "loss.png");
        try (OutputStream out = store.create(plot + ".tmp")) {
            LossPlot.write(records, "rnnlm " + command + " loss", out);
        }
        store.delete(plot);
        store.rename(plot + ".tmp", plot);
    }

    @Override
    public void rolledBack(int epoch, String why, double learningRate) {
        log.printf(command + ": divergence (%s): back to epoch %d with learning rate %s%n", why, epoch, learningRate);
        epochsDone = epoch;
    }

    @Override
    public void epochDone(int epoch, long examplesSeen, Parameters parameters, double learningRate) {
        trainNanos += System.nanoTime() - epochStartNanos;
        epochsDone = epoch + 1;
        try {
            checkpoints.write(epoch + 1, model.withParameters(parameters), info(epoch + 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        epochStartNanos = System.nanoTime();
    }
}
