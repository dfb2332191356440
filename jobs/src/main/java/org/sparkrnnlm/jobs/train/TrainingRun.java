package org.sparkrnnlm.jobs.train;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.sparkrnnlm.core.io.FileStore;
import org.sparkrnnlm.core.io.LanguageModelFiles;
import org.sparkrnnlm.core.io.ModelInfo;
import org.sparkrnnlm.core.lm.RnnLanguageModel;
import org.sparkrnnlm.core.tensor.Parameters;
import org.sparkrnnlm.core.text.Vocabulary;
import org.sparkrnnlm.core.train.TrainingListener;
import org.sparkrnnlm.core.train.TrainingLoop;
import org.sparkrnnlm.jobs.Main.UsageError;
import org.sparkrnnlm.jobs.report.LossPlot;
import org.sparkrnnlm.jobs.report.MetricsLog;
import org.sparkrnnlm.jobs.report.MetricsRecord;
import org.sparkrnnlm.jobs.report.Progress;
import org.sparkrnnlm.jobs.spark.DistributedBackend;
import org.sparkrnnlm.jobs.spark.HadoopFileStore;

/** One training job's output directory: metrics, loss plot, checkpoints, progress lines and the final model. */
public final class TrainingRun implements TrainingListener {
    private final HadoopFileStore store;
    private final String output;
    private final Checkpoints checkpoints;
    private final PrintStream log;
    private MetricsLog metrics;
    private RnnLanguageModel model;
    private Vocabulary vocabulary;
    private TrainingLoop loop;
    private DistributedBackend backend;
    private Progress progress;
    private long startNanos;
    private long trainNanos;
    private long epochStartNanos;
    private long lastEvaluatedExamples;
    private long lastTrainNanos;
    private int epochsDone;
    private int firstEpoch;

    public TrainingRun(HadoopFileStore store, String output, int keepCheckpoints, PrintStream log) {
        this.store = store;
        this.output = output;
        this.checkpoints = new Checkpoints(store, output, keepCheckpoints);
        this.log = log;
    }

    public RnnLanguageModel run(RnnLanguageModel initial, Vocabulary vocabulary, DistributedBackend backend, TrainingLoop loop,
                                boolean resume) throws IOException {
        this.vocabulary = vocabulary;
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
        long total = Math.max(0, (long) (epochs - firstEpoch) * backend.sentencesPerEpoch());
        progress = new Progress("train", total, "sentences", Duration.ofSeconds(10), log, System::nanoTime);
        backend.onRound(done -> progress.advance((long) (epochsDone - firstEpoch) * backend.sentencesPerEpoch() + done));
        startNanos = System.nanoTime();
        epochStartNanos = startNanos;
        log.printf("train: %,d sentences (%,d tokens) per epoch, vocabulary %,d, hidden %d, %d partitions, epochs %d..%d%n",
                backend.sentencesPerEpoch(), backend.tokensPerEpoch(), model.vocabularySize(), model.hiddenSize(),
                backend.partitions(), firstEpoch, epochs - 1);
        Parameters trained = loop.run(backend, model.parameters(), firstEpoch, this);
        progress.finish();
        model = model.withParameters(trained);
        ModelWriter.publish(store, FileStore.join(output, "model"), model, vocabulary, info(epochs));
        log.printf("train: model in %s, loss plot in %s%n", FileStore.join(output, "model"), FileStore.join(output, "loss.png"));
        return model;
    }

    /** Loads the newest checkpoint; returns the number of epochs it completed. */
    private int restore() throws IOException {
        String path = checkpoints.newest();
        if (path == null) {
            log.println("train: --resume found no checkpoint in " + output + ": starting from the beginning");
            return 0;
        }
        LanguageModelFiles.Loaded loaded = Checkpoints.load(store, path);
        if (!loaded.vocabulary().words().equals(vocabulary.words())) {
            throw new IllegalArgumentException("checkpoint " + path + " has a different vocabulary than DATA");
        }
        model = loaded.model();
        ModelInfo info = loaded.info();
        loop.resumeFrom(info.learningRate(), info.examplesSeen(), info.lossHistory());
        log.printf("train: resuming from %s (epoch %d, learning rate %s)%n", path, info.epoch(), info.learningRate());
        return info.epoch();
    }

    private ModelInfo info(int epoch) {
        return LanguageModelFiles.describe(model, loop.learningRate(), epoch, loop.examplesSeen(), loop.lossHistory());
    }

    @Override
    public void evaluated(int epoch, long examplesSeen, double loss, double learningRate, boolean halved) {
        double seconds = (trainNanos - lastTrainNanos) / 1e9;
        double epochsTrained = (double) (examplesSeen - lastEvaluatedExamples) / backend.sentencesPerEpoch();
        double tokensPerSecond = seconds > 0 ? epochsTrained * backend.tokensPerEpoch() / seconds : 0;
        lastTrainNanos = trainNanos;
        lastEvaluatedExamples = examplesSeen;
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        log.printf("train: loss after %,d examples (epoch %d): %.6f, learning rate %s%s%n", examplesSeen, epoch, loss,
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
            LossPlot.write(records, "rnnlm training loss", out);
        }
        store.delete(plot);
        store.rename(plot + ".tmp", plot);
    }

    @Override
    public void rolledBack(int epoch, String why, double learningRate) {
        log.printf("train: divergence (%s): back to epoch %d with learning rate %s%n", why, epoch, learningRate);
        epochsDone = epoch;
    }

    @Override
    public void epochDone(int epoch, long examplesSeen, Parameters parameters, double learningRate) {
        trainNanos += System.nanoTime() - epochStartNanos;
        epochsDone = epoch + 1;
        try {
            checkpoints.write(epoch + 1, model.withParameters(parameters), vocabulary, info(epoch + 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        epochStartNanos = System.nanoTime();
    }
}
