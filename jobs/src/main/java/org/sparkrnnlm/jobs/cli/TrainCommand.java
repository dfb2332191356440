package org.sparkrnnlm.jobs.cli;

import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaRDD;
import org.sparkrnnlm.core.tensor.Dtype;
import org.sparkrnnlm.core.model.LanguageModelFiles;
import org.sparkrnnlm.core.lm.RnnLanguageModel;
import org.sparkrnnlm.core.model.TrainableLanguageModel;
import org.sparkrnnlm.core.text.Vocabulary;
import org.sparkrnnlm.core.model.TrainableModel;
import org.sparkrnnlm.core.train.TrainingLoop;
import org.sparkrnnlm.jobs.cli.Main.UsageError;
import org.sparkrnnlm.jobs.corpus.Corpus;
import org.sparkrnnlm.jobs.corpus.CorpusReader;
import org.sparkrnnlm.jobs.distributed.DistributedBackend;
import org.sparkrnnlm.jobs.hadoop.HadoopFileStore;
import org.sparkrnnlm.jobs.workflow.ModelRegistry;
import org.sparkrnnlm.jobs.workflow.RunIdentity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Trains a language model on DATA with distributed per-sentence SGD. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train an RNN language model on DATA (a preprocess dataset directory or a text file, one tokenized sentence per line).")
public final class TrainCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "DATA", description = "Dataset directory or text file.")
    String data;
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
    @Option(names = "--anneal-threshold", defaultValue = "0", paramLabel = "F",
            description = "Halve the learning rate only when the loss rises by more than this fraction (default: ${DEFAULT-VALUE}, on any rise, as the tutorial).")
    double annealThreshold;
    @Option(names = "--dtype", defaultValue = "float", description = "float or double (default: ${DEFAULT-VALUE}).")
    String dtype;
    @Option(names = "--heldout", paramLabel = "DATA", description = "Evaluate (and anneal) on this data instead of the training data.")
    String heldout;
    @Option(names = "--vocab-size", defaultValue = "8000", description = "Vocabulary size C for text DATA (default: ${DEFAULT-VALUE}).")
    int vocabularySize;
    @Option(names = "--vocab", paramLabel = "FILE", description = "Use this vocab.tsv (or a model directory's, or a registry's) for text DATA.")
    String vocab;
    @Option(names = "--publish", paramLabel = "DIR", description = "Also publish the model as DIR/model-<run id> and point DIR/LATEST at it; an identical run that was already published is not repeated.")
    String publish;

    @Mixin
    DistributedTrainingOptions training;
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
            JavaRDD<int[]> heldoutSentences = heldout == null ? null : reader.read(heldout, corpus.vocabulary(), vocabularySize).sentences();
            RnnLanguageModel network = start != null ? start.model()
                    : RnnLanguageModel.initialize(corpus.vocabulary().size(), hidden, bpttTruncate, type, training.seed);
            TrainableLanguageModel model = new TrainableLanguageModel(network, corpus.vocabulary());
            DistributedBackend<int[]> backend = training.backend(session, model.spec(), corpus.sentences(), heldoutSentences);
            TrainableModel<int[]> trained = training.train("train", "sentences", store, model, backend,
                    new TrainingLoop(epochs, evaluateEvery, lr).annealThreshold(annealThreshold));
            if (registry != null) {
                String version = registry.publish(runId, trained, LanguageModelFiles.load(store, training.output + "/model").info());
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
        id.add("hidden", hidden).add("bptt", bpttTruncate).add("lr", lr).add("epochs", epochs).add("evaluateEvery", evaluateEvery)
                .add("annealThreshold", annealThreshold);
        return training.addTo(id).add("dtype", dtype).add("vocabSize", vocabularySize).id();
    }

    private void validate() {
        if (hidden < 1) throw new UsageError("--hidden must be at least 1, got " + hidden);
        if (bpttTruncate < 0) throw new UsageError("--bptt-truncate must be at least 0, got " + bpttTruncate);
        DistributedTrainingOptions.validateSchedule(lr, epochs, evaluateEvery, annealThreshold);
        training.validate();
        if (vocabularySize < 4) throw new UsageError("--vocab-size must be at least 4, got " + vocabularySize);
        if (init != null && vocab != null) throw new UsageError("--init and --vocab exclude each other: the model brings its vocabulary");
        DistributedTrainingOptions.dtype(dtype);
    }
}
