package org.sparkrnnlm.jobs.workflow;

import static org.sparkrnnlm.jobs.settings.InvalidSettingException.require;

import java.io.IOException;
import java.io.PrintStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.SparkSession;
import org.sparkrnnlm.core.lm.RnnLanguageModel;
import org.sparkrnnlm.core.model.LanguageModelFiles;
import org.sparkrnnlm.core.model.LanguageModelInfo;
import org.sparkrnnlm.core.model.TrainableLanguageModel;
import org.sparkrnnlm.core.model.TrainableModel;
import org.sparkrnnlm.core.text.Vocabulary;
import org.sparkrnnlm.jobs.corpus.Corpus;
import org.sparkrnnlm.jobs.corpus.CorpusReader;
import org.sparkrnnlm.jobs.distributed.DistributedBackend;
import org.sparkrnnlm.jobs.hadoop.BadInputException;
import org.sparkrnnlm.jobs.hadoop.HadoopFileStore;
import org.sparkrnnlm.jobs.monitoring.JobLabels;

/** {@code train}: a language model trained on Spark into an output directory, and published when asked. */
public final class TrainWorkflow {
    private final SparkSession session;
    private final HadoopFileStore store;
    private final PrintStream log;

    public TrainWorkflow(SparkSession session, HadoopFileStore store, PrintStream log) {
        this.session = session;
        this.store = store;
        this.log = log;
    }

    public void run(TrainSettings s) throws IOException {
        DistributedSettings d = s.distributed();
        LanguageModelFiles.Loaded init = s.init() == null ? null : LanguageModelFiles.load(store, ModelRegistry.resolve(store, s.init()));
        if (init != null) check(s, init, "the --init model " + s.init(), false);
        ModelRegistry registry = s.publish() == null ? null : new ModelRegistry(store, s.publish());
        String runId = registry == null ? null : runIdentity(s, init);
        if (registry != null && registry.has(runId)) {
            registry.pointLatestAt(ModelRegistry.versionName(runId));
            log.println("train: this run is already published as " + s.publish() + "/" + ModelRegistry.versionName(runId)
                    + ": nothing to do");
            return;
        }
        String checkpoint = TrainingRun.newestCheckpoint(store, d.output(), d.resume());
        LanguageModelFiles.Loaded resumed = checkpoint == null ? null : LanguageModelFiles.load(store, checkpoint);
        if (resumed != null) check(s, resumed, "the run's checkpoint " + checkpoint, true);
        LanguageModelFiles.Loaded start = resumed != null ? resumed : init;
        if (start != null && s.vocabularySize() != null) {
            log.printf("train: the model brings its vocabulary of %,d words (--vocab-size %d caps only a new one)%n",
                    start.vocabulary().size(), s.vocabularySize());
        }
        Vocabulary fixed = start != null ? start.vocabulary() : s.vocab() != null ? ModelRegistry.vocabulary(store, s.vocab()) : null;
        JobLabels.step(session.sparkContext(), "read data");
        CorpusReader reader = new CorpusReader(session);
        Corpus corpus = reader.read(s.data(), fixed, s.vocabularySizeOrDefault());
        JavaRDD<int[]> heldout = s.heldout() == null ? null
                : reader.read(s.heldout(), corpus.vocabulary(), s.vocabularySizeOrDefault()).sentences();
        TrainableModel<int[], LanguageModelInfo> trained = train(s, start, corpus, heldout,
                resumed == null ? null : TrainingRun.resumed(store, checkpoint, resumed.info()));
        if (registry != null) {
            String version = registry.publish(runId, trained, LanguageModelFiles.load(store, d.output() + "/model").info());
            log.println("train: published " + version + " and moved " + s.publish() + "/" + ModelRegistry.LATEST + " to it");
        }
    }

    /**
     * {@code train} on sentences a caller already holds in Spark, such as a DataFrame column, with
     * their vocabulary: a new model written to {@code s.distributed().output()}. {@code s.data()}
     * only names the sentences in messages; loading or publishing models is not this entry's job.
     */
    public TrainableModel<int[], LanguageModelInfo> run(TrainSettings s, Corpus corpus) throws IOException {
        require(s.init() == null && s.vocab() == null && s.publish() == null && s.heldout() == null && !s.distributed().resume(),
                "training on given sentences starts a new model: --init, --vocab, --publish, --heldout and --resume do not apply");
        TrainingRun.newestCheckpoint(store, s.distributed().output(), false);
        return train(s, null, corpus, null, null);
    }

    private TrainableModel<int[], LanguageModelInfo> train(TrainSettings s, LanguageModelFiles.Loaded start, Corpus corpus,
                                                           JavaRDD<int[]> heldout, TrainingRun.Resumed resumed) throws IOException {
        DistributedSettings d = s.distributed();
        TrainableLanguageModel model = new TrainableLanguageModel(network(s, start, corpus.vocabulary()), corpus.vocabulary());
        DistributedBackend<int[]> backend = d.backend(session, model.spec(), corpus.sentences(), heldout, s.schedule().optimizer());
        if (backend.examplesPerEpoch() == 0) throw new BadInputException("the training data holds no sentences");
        return new TrainingRun<int[], LanguageModelInfo>("train", "sentences", store, d.output(), d.keepCheckpoints(),
                LossChart.perplexity(heldout != null), log).run(model, backend, s.schedule(), d, resumed);
    }

    private static void check(TrainSettings s, LanguageModelFiles.Loaded model, String source, boolean truncationFixed) {
        s.checkAgainst(model.info(), source, truncationFixed);
        s.softmax().checkAgainst(model.info(), model.model().isClassFactored() ? model.model().classes().classes() : 0, source);
    }

    /**
     * A new model (with word classes from the vocabulary's counts when asked), or the one to
     * continue; a truncation given for an --init model applies to it.
     */
    private static RnnLanguageModel network(TrainSettings s, LanguageModelFiles.Loaded start, Vocabulary vocabulary) {
        if (start == null) {
            return s.softmax().withOutputBias(RnnLanguageModel.initialize(vocabulary.size(), s.hiddenOrDefault(), s.bpttTruncateOrDefault(),
                    s.dtypeOrDefault(), s.distributed().seed(), s.softmax().newClasses(vocabulary), s.softmax().biased()), vocabulary);
        }
        return s.bpttTruncate() == null ? start.model() : start.model().withTruncation(s.bpttTruncate());
    }

    /** Everything that decides the trained model: the same identity means the same model. */
    private String runIdentity(TrainSettings s, LanguageModelFiles.Loaded init) throws IOException {
        RunIdentity id = new RunIdentity()
                .add("init", init == null ? "none" : init.info().checksums())
                .add("vocab", s.vocab() == null ? "none" : s.vocab());
        id.addData(store, s.data());
        if (s.heldout() != null) id.add("heldout", s.heldout()).addData(store, s.heldout());
        id.add("hidden", s.hiddenOrDefault()).add("bptt", s.bpttTruncateOrDefault());
        s.schedule().addTo(id);
        s.softmax().addTo(id);
        return s.distributed().addTo(id).add("dtype", s.dtypeOrDefault().numpyName()).add("vocabSize", s.vocabularySizeOrDefault()).id();
    }
}
