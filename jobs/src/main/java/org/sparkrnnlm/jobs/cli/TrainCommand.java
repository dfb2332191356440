package org.sparkrnnlm.jobs.cli;

import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.sparkrnnlm.core.Dtype;
import org.sparkrnnlm.core.io.LanguageModelFiles;
import org.sparkrnnlm.core.lm.RnnLanguageModel;
import org.sparkrnnlm.core.text.Vocabulary;
import org.sparkrnnlm.core.train.TrainingLoop;
import org.sparkrnnlm.jobs.Main.UsageError;
import org.sparkrnnlm.jobs.data.Corpus;
import org.sparkrnnlm.jobs.data.CorpusReader;
import org.sparkrnnlm.jobs.spark.AveragingBackend;
import org.sparkrnnlm.jobs.spark.DistributedBackend;
import org.sparkrnnlm.jobs.spark.GradientBackend;
import org.sparkrnnlm.jobs.spark.HadoopFileStore;
import org.sparkrnnlm.jobs.spark.SentenceBlocks;
import org.sparkrnnlm.jobs.spark.SparkSessions;
import org.sparkrnnlm.jobs.train.ModelRegistry;
import org.sparkrnnlm.jobs.train.RunIdentity;
import org.sparkrnnlm.jobs.train.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Trains a language model on DATA with distributed per-sentence SGD. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train an RNN language model on DATA (a preprocess dataset directory or a text file, one tokenized sentence per line).")
public final class TrainCommand implements Callable<Integer> {
    /** The distributed algorithms this version has. */
    public enum Mode { average, gradient }

    @Option(names = "--data", required = true, paramLabel = "DATA", description = "Dataset directory or text file.")
    String data;
    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Output directory: model/, checkpoints/, metrics.jsonl, loss.png.")
    String output;
    @Option(names = "--init", paramLabel = "MODEL_DIR", description = "Start from this model (and its vocabulary).")
    String init;
    @Option(names = "--hidden", defaultValue = "100", description = "Hidden size H (default: ${DEFAULT-VALUE}).")
    int hidden;
    @Option(names = "--bptt-truncate", defaultValue = "4", description = "Earlier steps an error flows back through (default: ${DEFAULT-VALUE}).")
    int bpttTruncate;
    @Option(names = "--lr", defaultValue = "0.005", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double lr;
    @Option(names = "--epochs", defaultValue = "10", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;
    @Option(names = "--evaluate-every", defaultValue = "5", description = "Evaluate the loss and anneal every N epochs (default: ${DEFAULT-VALUE}).")
    int evaluateEvery;
    @Option(names = "--mode", defaultValue = "average", description = "Distributed algorithm: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Mode mode;
    @Option(names = "--sentences-per-round", defaultValue = "4000", description = "Sentences all partitions train on between two averagings (default: ${DEFAULT-VALUE}).")
    int sentencesPerRound;
    @Option(names = "--batch-size", defaultValue = "100", description = "Sentences per minibatch in gradient mode (default: ${DEFAULT-VALUE}).")
    int batchSize;
    @Option(names = "--partitions", description = "Partitions (default: Spark's default parallelism).")
    Integer partitions;
    @Option(names = "--shuffle", negatable = true, defaultValue = "false", description = "Shuffle each partition's sentences every epoch (default: input order).")
    boolean shuffle;
    @Option(names = "--seed", defaultValue = "10", description = "Seed for initialisation and shuffling (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--dtype", defaultValue = "float", description = "float or double (default: ${DEFAULT-VALUE}).")
    String dtype;
    @Option(names = "--heldout", paramLabel = "DATA", description = "Evaluate (and anneal) on this data instead of the training data.")
    String heldout;
    @Option(names = "--vocab-size", defaultValue = "8000", description = "Vocabulary size C for text DATA (default: ${DEFAULT-VALUE}).")
    int vocabularySize;
    @Option(names = "--vocab", paramLabel = "FILE", description = "Use this vocab.tsv (or a model directory's, or a registry's) for text DATA.")
    String vocab;
    @Option(names = "--divergence-factor", defaultValue = "2.0", description = "A loss above this multiple of the best so far counts as divergence (default: ${DEFAULT-VALUE}).")
    double divergenceFactor;
    @Option(names = "--max-rollbacks", defaultValue = "3", description = "Rollbacks in a row before training gives up (default: ${DEFAULT-VALUE}).")
    int maxRollbacks;
    @Option(names = "--publish", paramLabel = "DIR", description = "Also publish the model as DIR/model-<run id> and point DIR/LATEST at it; an identical run that was already published is not repeated.")
    String publish;
    @Option(names = "--resume", description = "Continue from the newest checkpoint in DIR.")
    boolean resume;
    @Option(names = "--keep-checkpoints", defaultValue = "3", description = "Checkpoints to keep (default: ${DEFAULT-VALUE}).")
    int keepCheckpoints;

    @Mixin
    SparkOptions spark;
    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() throws Exception {
        validate();
        Dtype type = Dtype.parse(dtype);
        return spark.run("train", (session, store) -> {
            LanguageModelFiles.Loaded start = init == null ? null : LanguageModelFiles.load(store, ModelRegistry.resolve(store, init));
            ModelRegistry registry = publish == null ? null : new ModelRegistry(store, publish);
            String runId = publish == null ? null : runIdentity(store, start);
            if (registry != null && registry.has(runId)) {
                registry.pointLatestAt(ModelRegistry.versionName(runId));
                System.err.println("train: this run is already published as " + publish + "/" + ModelRegistry.versionName(runId)
                        + ": nothing to do");
                return 0;
            }
            Vocabulary fixed = start != null ? start.vocabulary() : vocab != null ? ModelRegistry.vocabulary(store, vocab) : null;
            CorpusReader reader = new CorpusReader(session);
            Corpus corpus = reader.read(data, fixed, vocabularySize);
            int n = partitions != null ? partitions : SparkSessions.defaultPartitions(session);
            JavaRDD<int[][]> blocks = SentenceBlocks.of(corpus.sentences(), n);
            JavaRDD<int[][]> heldoutBlocks = heldout == null ? null
                    : SentenceBlocks.of(reader.read(heldout, corpus.vocabulary(), vocabularySize).sentences(), n);
            RnnLanguageModel model = start != null ? start.model()
                    : RnnLanguageModel.initialize(corpus.vocabulary().size(), hidden, bpttTruncate, type, seed);
            JavaSparkContext sc = new JavaSparkContext(session.sparkContext());
            Long shuffleSeed = shuffle ? seed : null;
            int threads = SparkSessions.taskCpus(session);
            DistributedBackend backend = mode == Mode.gradient
                    ? new GradientBackend(sc, blocks, heldoutBlocks, model.bpttTruncate(), batchSize, shuffleSeed, threads)
                    : new AveragingBackend(sc, blocks, heldoutBlocks, model.bpttTruncate(), sentencesPerRound, shuffleSeed, threads);
            if (backend.sentencesPerEpoch() == 0) throw new IllegalArgumentException("DATA " + data + " holds no sentences");
            new TrainingRun(store, output, keepCheckpoints, System.err)
                    .run(model, corpus.vocabulary(), backend, new TrainingLoop(epochs, evaluateEvery, lr).guard(divergenceFactor, maxRollbacks), resume);
            if (registry != null) {
                LanguageModelFiles.Loaded trained = LanguageModelFiles.load(store, output + "/model");
                String version = registry.publish(runId, trained.model(), trained.vocabulary(), trained.info());
                System.err.println("train: published " + version + " and moved " + publish + "/" + ModelRegistry.LATEST + " to it");
            }
            return 0;
        });
    }

    /** Everything that decides the trained model: the same identity means the same model. */
    private String runIdentity(HadoopFileStore store, LanguageModelFiles.Loaded start) throws java.io.IOException {
        RunIdentity id = new RunIdentity()
                .add("init", start == null ? "none" : start.info().checksums())
                .add("vocab", vocab == null ? "none" : vocab);
        id.addData(store, data);
        if (heldout != null) id.add("heldout", heldout).addData(store, heldout);
        return id.add("hidden", hidden).add("bptt", bpttTruncate).add("lr", lr).add("epochs", epochs)
                .add("evaluateEvery", evaluateEvery).add("mode", mode).add("sentencesPerRound", sentencesPerRound)
                .add("batchSize", batchSize).add("partitions", partitions).add("shuffle", shuffle).add("seed", seed)
                .add("dtype", dtype).add("vocabSize", vocabularySize).add("divergence", divergenceFactor + "/" + maxRollbacks).id();
    }


    private void validate() {
        if (hidden < 1) throw new UsageError("--hidden must be at least 1, got " + hidden);
        if (bpttTruncate < 0) throw new UsageError("--bptt-truncate must be at least 0, got " + bpttTruncate);
        if (!(lr > 0) || Double.isInfinite(lr)) throw new UsageError("--lr must be a positive number, got " + lr);
        if (epochs < 0) throw new UsageError("--epochs must be at least 0, got " + epochs);
        if (evaluateEvery < 1) throw new UsageError("--evaluate-every must be at least 1, got " + evaluateEvery);
        if (batchSize < 1) throw new UsageError("--batch-size must be at least 1, got " + batchSize);
        if (sentencesPerRound < 1) throw new UsageError("--sentences-per-round must be at least 1, got " + sentencesPerRound);
        if (partitions != null && partitions < 1) throw new UsageError("--partitions must be at least 1, got " + partitions);
        if (!(divergenceFactor > 1)) throw new UsageError("--divergence-factor must be above 1, got " + divergenceFactor);
        if (maxRollbacks < 0) throw new UsageError("--max-rollbacks must be at least 0, got " + maxRollbacks);
        if (vocabularySize < 4) throw new UsageError("--vocab-size must be at least 4, got " + vocabularySize);
        if (init != null && vocab != null) throw new UsageError("--init and --vocab exclude each other: the model brings its vocabulary");
        try {
            Dtype.parse(dtype);
        } catch (IllegalArgumentException e) {
            throw new UsageError("--dtype: " + e.getMessage());
        }
    }
}
