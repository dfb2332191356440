package org.sparkrnnlm.jobs.ml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.sparkrnnlm.core.model.LanguageModelFiles;
import org.sparkrnnlm.core.optim.LearningRateSchedule;
import org.sparkrnnlm.core.optim.Optimizer;
import org.sparkrnnlm.core.optim.OptimizerSettings;
import org.sparkrnnlm.core.store.FileStore;
import org.sparkrnnlm.core.tensor.Dtype;
import org.sparkrnnlm.core.text.Vocabulary;
import org.sparkrnnlm.jobs.corpus.Corpus;
import org.sparkrnnlm.jobs.corpus.CorpusReader;
import org.sparkrnnlm.jobs.hadoop.HadoopFileStore;
import org.sparkrnnlm.jobs.workflow.DistributedSettings;
import org.sparkrnnlm.jobs.workflow.Schedule;
import org.sparkrnnlm.jobs.workflow.SoftmaxSettings;
import org.sparkrnnlm.jobs.workflow.TrainSettings;
import org.sparkrnnlm.jobs.workflow.TrainWorkflow;

/**
 * {@code train} as a Spark ML estimator: its settings as Params (same defaults), a vocabulary built
 * from the input column as train builds one from a text file, and the same workflow, so a fit
 * equals a train run with the same settings. The column holds one sentence's tokens per row or a
 * row's sentences (see {@link SentenceColumn}).
 */
public final class RnnLanguageModelEstimator extends Estimator<RnnLanguageModel> implements DefaultParamsWritable {
    private static final long serialVersionUID = 1L;
    /** train's --divergence-factor, --max-rollbacks and --keep-checkpoints defaults. */
    private static final double DIVERGENCE_FACTOR = 2.0;
    private static final int MAX_ROLLBACKS = 3;
    private static final int KEEP_CHECKPOINTS = 3;

    private final String uid;
    private final Param<String> inputCol;
    private final IntParam hiddenSize;
    private final IntParam bpttTruncate;
    private final Param<String> optimizer;
    private final DoubleParam learningRate;
    private final Param<String> lrSchedule;
    private final IntParam epochs;
    private final IntParam evaluateEvery;
    private final DoubleParam annealThreshold;
    private final Param<String> mode;
    private final IntParam sentencesPerRound;
    private final IntParam batchSize;
    private final IntParam partitions;
    private final BooleanParam shuffle;
    private final LongParam seed;
    private final IntParam vocabSize;
    private final Param<String> softmax;
    private final IntParam classes;
    private final BooleanParam outputBias;
    private final Param<String> dtype;
    private final Param<String> runDir;

    public RnnLanguageModelEstimator() {
        this(Identifiable.randomUID("rnnlm"));
    }

    public RnnLanguageModelEstimator(String uid) {
        this.uid = uid;
        inputCol = new Param<>(this, "inputCol", "column of tokens: array<string> (one sentence per row) or array<array<string>>"
                + " (a row's sentences, as CommentTokenizer writes them)");
        hiddenSize = new IntParam(this, "hiddenSize", "hidden size H (train's --hidden)", ParamValidators.gtEq(1));
        bpttTruncate = new IntParam(this, "bpttTruncate", "earlier steps an error flows back through (train's --bptt-truncate)",
                ParamValidators.gtEq(0));
        optimizer = new Param<>(this, "optimizer", "update rule: sgd, adagrad or adam (train's --optimizer)",
                ParamValidators.inArray(new String[] {"sgd", "adagrad", "adam"}));
        learningRate = new DoubleParam(this, "learningRate", "learning rate (train's --lr); unset: the rule's default",
                ParamValidators.gt(0));
        lrSchedule = new Param<>(this, "lrSchedule", "constant or linear (train's --lr-schedule); unset: the rule's default",
                ParamValidators.inArray(new String[] {"constant", "linear"}));
        epochs = new IntParam(this, "epochs", "epochs (train's --epochs)", ParamValidators.gtEq(0));
        evaluateEvery = new IntParam(this, "evaluateEvery", "evaluate the loss and anneal every N epochs (train's --evaluate-every)",
                ParamValidators.gtEq(1));
        annealThreshold = new DoubleParam(this, "annealThreshold",
                "halve the learning rate only when the loss rises by more than this fraction (train's --anneal-threshold)",
                ParamValidators.gtEq(0));
        mode = new Param<>(this, "mode", "distributed algorithm: average or gradient (train's --mode)",
                ParamValidators.inArray(new String[] {"average", "gradient"}));
        sentencesPerRound = new IntParam(this, "sentencesPerRound",
                "average mode: sentences all partitions train on between two averagings (train's --sentences-per-round)",
                ParamValidators.gtEq(1));
        batchSize = new IntParam(this, "batchSize", "gradient mode: sentences per minibatch (train's --batch-size)",
                ParamValidators.gtEq(1));
        partitions = new IntParam(this, "partitions", "partitions (train's --partitions); unset: Spark's default parallelism",
                ParamValidators.gtEq(1));
        shuffle = new BooleanParam(this, "shuffle", "shuffle each partition's sentences every epoch (train's --shuffle; unset: on with adagrad and adam, off with sgd)");
        seed = new LongParam(this, "seed", "seed for initialisation and shuffling (train's --seed)");
        vocabSize = new IntParam(this, "vocabSize", "vocabulary size C, UNKNOWN_TOKEN and the sentence markers included"
                + " (train's --vocab-size)", ParamValidators.gtEq(4));
        softmax = new Param<>(this, "softmax", "output layer: full or class (factored by word frequency; train's --softmax)",
                ParamValidators.inArray(new String[] {"full", "class"}));
        classes = new IntParam(this, "classes", "word classes of the class softmax (train's --classes); unset: about sqrt(C)",
                ParamValidators.gtEq(1));
        outputBias = new BooleanParam(this, "outputBias", "give the model an output bias b, softmax(V s + b); full softmax only"
                + " (train's --output-bias)");
        dtype = new Param<>(this, "dtype", "float or double (train's --dtype)",
                ParamValidators.inArray(new String[] {"float", "double"}));
        runDir = new Param<>(this, "runDir", "Hadoop path where fit writes the run as train's --output does (metrics.jsonl,"
                + " loss.png, checkpoints/, model/); unset: a temporary local directory, deleted after fit");
        setDefault(inputCol, "sentences");
        setDefault(hiddenSize, org.sparkrnnlm.core.lm.RnnLanguageModel.DEFAULT_HIDDEN);
        setDefault(bpttTruncate, org.sparkrnnlm.core.lm.RnnLanguageModel.DEFAULT_BPTT_TRUNCATE);
        setDefault(optimizer, "sgd");
        setDefault(epochs, 10);
        setDefault(evaluateEvery, 5);
        setDefault(annealThreshold, 0.0);
        setDefault(mode, "average");
        setDefault(sentencesPerRound, DistributedSettings.DEFAULT_EXAMPLES_PER_ROUND);
        setDefault(batchSize, 100);
        setDefault(seed, 10L);
        setDefault(vocabSize, org.sparkrnnlm.core.lm.RnnLanguageModel.DEFAULT_VOCABULARY_SIZE);
        setDefault(softmax, "full");
        setDefault(outputBias, false);
        setDefault(dtype, "float");
    }

    public static MLReader<RnnLanguageModelEstimator> read() {
        return new DefaultParamsReader<>();
    }

    public static RnnLanguageModelEstimator load(String path) {
        return read().load(path);
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public RnnLanguageModel fit(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        SparkSession session = dataset.sparkSession();
        HadoopFileStore store = new HadoopFileStore(session.sparkContext().hadoopConfiguration());
        String output = isSet(runDir) ? getRunDir() : temporaryDirectory();
        try {
            TrainSettings settings = settings(output);
            JavaRDD<List<String>> sentences = SentenceColumn.of(dataset.schema(), getInputCol()).sentences(dataset);
            Vocabulary vocabulary = CorpusReader.buildVocabulary(sentences, settings.vocabularySizeOrDefault());
            new TrainWorkflow(session, store, System.err).run(settings, new Corpus(sentences.map(vocabulary::encode), vocabulary));
            LanguageModelFiles.Loaded trained = LanguageModelFiles.load(store, FileStore.join(output, "model"));
            RnnLanguageModel model = new RnnLanguageModel(uid, trained);
            copyValues(model, new ParamMap());
            return model.setParent(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (!isSet(runDir)) deleteQuietly(store, output);
        }
    }

    /** What train would be given on the command line with these Params. */
    TrainSettings settings(String output) {
        OptimizerSettings rule = OptimizerSettings.defaults(Optimizer.parse(getOptimizer()));
        boolean classFactored = new SoftmaxSettings(getSoftmax(), null).classFactored();
        boolean minibatches = DistributedSettings.Mode.valueOf(getMode()) == DistributedSettings.Mode.gradient;
        double lr = isSet(learningRate) ? getLearningRate()
                : org.sparkrnnlm.core.lm.RnnLanguageModel.defaultLearningRate(rule.optimizer(), classFactored, minibatches);
        LearningRateSchedule decay = isSet(lrSchedule) ? LearningRateSchedule.parse(getLrSchedule())
                : org.sparkrnnlm.core.lm.RnnLanguageModel.defaultSchedule(rule.optimizer(), classFactored, minibatches);
        Schedule schedule = new Schedule(rule, lr, getEpochs(), getEvaluateEvery(), getAnnealThreshold(), decay);
        DistributedSettings distributed = new DistributedSettings(output, DistributedSettings.Mode.valueOf(getMode()),
                getSentencesPerRound(), getBatchSize(), isSet(partitions) ? getPartitions() : null, getShuffle(), getSeed(),
                DIVERGENCE_FACTOR, MAX_ROLLBACKS, false, KEEP_CHECKPOINTS);
        SoftmaxSettings outputLayer = new SoftmaxSettings(getSoftmax(), isSet(classes) ? getClasses() : null, getOutputBias());
        return new TrainSettings("input column " + getInputCol(), null, null, getHiddenSize(), getBpttTruncate(), Dtype.parse(getDtype()),
                getVocabSize(), null, null, schedule, distributed, outputLayer);
    }

    private static String temporaryDirectory() {
        try {
            java.nio.file.Path dir = Files.createTempDirectory("rnnlm-fit");
            // Hadoop paths without a scheme resolve against fs.defaultFS; this one is on the driver's disk.
            return "file:" + dir.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(HadoopFileStore store, String dir) {
        try {
            store.delete(dir);
        } catch (IOException e) {
            System.err.println("rnnlm: could not delete the temporary run directory " + dir + ": " + e.getMessage());
        }
    }

    @Override
    public StructType transformSchema(StructType schema) {
        if (isSet(classes) && !"class".equals(getSoftmax())) {
            throw new IllegalArgumentException("classes applies to softmax class only: set softmax to class or leave classes unset");
        }
        if (getOutputBias() && "class".equals(getSoftmax())) {
            throw new IllegalArgumentException("outputBias needs softmax full");
        }
        if ("gradient".equals(getMode()) && isSet(sentencesPerRound)) {
            throw new IllegalArgumentException("sentencesPerRound applies to mode average only; gradient mode takes batchSize");
        }
        if ("average".equals(getMode()) && isSet(batchSize)) {
            throw new IllegalArgumentException("batchSize applies to mode gradient only; average mode takes sentencesPerRound");
        }
        SentenceColumn.of(schema, getInputCol());
        return RnnLanguageModel.outputSchema(schema, RnnLanguageModel.LOG_PROB, RnnLanguageModel.TOKENS, RnnLanguageModel.PERPLEXITY);
    }

    @Override
    public RnnLanguageModelEstimator copy(ParamMap extra) {
        return (RnnLanguageModelEstimator) defaultCopy(extra);
    }

    public Param<String> inputCol() { return inputCol; }
    public IntParam hiddenSize() { return hiddenSize; }
    public IntParam bpttTruncate() { return bpttTruncate; }
    public Param<String> optimizer() { return optimizer; }
    public DoubleParam learningRate() { return learningRate; }
    public Param<String> lrSchedule() { return lrSchedule; }
    public IntParam epochs() { return epochs; }
    public IntParam evaluateEvery() { return evaluateEvery; }
    public DoubleParam annealThreshold() { return annealThreshold; }
    public Param<String> mode() { return mode; }
    public IntParam sentencesPerRound() { return sentencesPerRound; }
    public IntParam batchSize() { return batchSize; }
    public IntParam partitions() { return partitions; }
    public BooleanParam shuffle() { return shuffle; }
    public LongParam seed() { return seed; }
    public IntParam vocabSize() { return vocabSize; }
    public Param<String> softmax() { return softmax; }
    public IntParam classes() { return classes; }
    public BooleanParam outputBias() { return outputBias; }
    public Param<String> dtype() { return dtype; }
    public Param<String> runDir() { return runDir; }

    public String getInputCol() { return getOrDefault(inputCol); }
    public int getHiddenSize() { return (Integer) getOrDefault(hiddenSize); }
    public int getBpttTruncate() { return (Integer) getOrDefault(bpttTruncate); }
    public String getOptimizer() { return getOrDefault(optimizer); }
    public double getLearningRate() { return (Double) getOrDefault(learningRate); }
    public String getLrSchedule() { return getOrDefault(lrSchedule); }
    public int getEpochs() { return (Integer) getOrDefault(epochs); }
    public int getEvaluateEvery() { return (Integer) getOrDefault(evaluateEvery); }
    public double getAnnealThreshold() { return (Double) getOrDefault(annealThreshold); }
    public String getMode() { return getOrDefault(mode); }
    public int getSentencesPerRound() { return (Integer) getOrDefault(sentencesPerRound); }
    public int getBatchSize() { return (Integer) getOrDefault(batchSize); }
    public int getPartitions() { return (Integer) getOrDefault(partitions); }
    public boolean getShuffle() {
        return isSet(shuffle) ? (Boolean) $(shuffle)
                : DistributedSettings.shufflesByDefault(Optimizer.parse(getOptimizer()));
    }
    public long getSeed() { return (Long) getOrDefault(seed); }
    public int getVocabSize() { return (Integer) getOrDefault(vocabSize); }
    public String getSoftmax() { return getOrDefault(softmax); }
    public int getClasses() { return (Integer) getOrDefault(classes); }
    public boolean getOutputBias() { return (Boolean) getOrDefault(outputBias); }
    public String getDtype() { return getOrDefault(dtype); }
    public String getRunDir() { return getOrDefault(runDir); }

    public RnnLanguageModelEstimator setInputCol(String v) { set(inputCol, v); return this; }
    public RnnLanguageModelEstimator setHiddenSize(int v) { set(hiddenSize, v); return this; }
    public RnnLanguageModelEstimator setBpttTruncate(int v) { set(bpttTruncate, v); return this; }
    public RnnLanguageModelEstimator setOptimizer(String v) { set(optimizer, v); return this; }
    public RnnLanguageModelEstimator setLearningRate(double v) { set(learningRate, v); return this; }
    public RnnLanguageModelEstimator setLrSchedule(String v) { set(lrSchedule, v); return this; }
    public RnnLanguageModelEstimator setEpochs(int v) { set(epochs, v); return this; }
    public RnnLanguageModelEstimator setEvaluateEvery(int v) { set(evaluateEvery, v); return this; }
    public RnnLanguageModelEstimator setAnnealThreshold(double v) { set(annealThreshold, v); return this; }
    public RnnLanguageModelEstimator setMode(String v) { set(mode, v); return this; }
    public RnnLanguageModelEstimator setSentencesPerRound(int v) { set(sentencesPerRound, v); return this; }
    public RnnLanguageModelEstimator setBatchSize(int v) { set(batchSize, v); return this; }
    public RnnLanguageModelEstimator setPartitions(int v) { set(partitions, v); return this; }
    public RnnLanguageModelEstimator setShuffle(boolean v) { set(shuffle, v); return this; }
    public RnnLanguageModelEstimator setSeed(long v) { set(seed, v); return this; }
    public RnnLanguageModelEstimator setVocabSize(int v) { set(vocabSize, v); return this; }
    public RnnLanguageModelEstimator setSoftmax(String v) { set(softmax, v); return this; }
    public RnnLanguageModelEstimator setClasses(int v) { set(classes, v); return this; }
    public RnnLanguageModelEstimator setOutputBias(boolean v) { set(outputBias, v); return this; }
    public RnnLanguageModelEstimator setDtype(String v) { set(dtype, v); return this; }
    public RnnLanguageModelEstimator setRunDir(String v) { set(runDir, v); return this; }
}
