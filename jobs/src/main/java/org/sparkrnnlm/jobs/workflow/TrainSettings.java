package org.sparkrnnlm.jobs.workflow;

import static org.sparkrnnlm.jobs.settings.InvalidSettingException.require;

import org.sparkrnnlm.core.lm.RnnLanguageModel;
import org.sparkrnnlm.core.model.LanguageModelInfo;
import org.sparkrnnlm.core.tensor.Dtype;

/**
 * What {@code train} is asked to do. The model's sizes are null when not given: a new model takes
 * the tutorial's defaults, a model to continue ({@code --init}, a checkpoint) keeps its own, and a
 * given size that contradicts it is an error rather than silently ignored. {@code data} is DATA's
 * path, or names the sentences when a caller hands them to {@link TrainWorkflow#run(TrainSettings, org.sparkrnnlm.jobs.corpus.Corpus)}.
 */
public record TrainSettings(String data, String heldout, String init, Integer hidden, Integer bpttTruncate, Dtype dtype,
                            Integer vocabularySize, String vocab, String publish, Schedule schedule, DistributedSettings distributed,
                            SoftmaxSettings softmax) {

    /** With the output layer not given: the full softmax for a new model, the model's own otherwise. */
    public TrainSettings(String data, String heldout, String init, Integer hidden, Integer bpttTruncate, Dtype dtype,
                         Integer vocabularySize, String vocab, String publish, Schedule schedule, DistributedSettings distributed) {
        this(data, heldout, init, hidden, bpttTruncate, dtype, vocabularySize, vocab, publish, schedule, distributed, SoftmaxSettings.NONE);
    }

    public TrainSettings {
        if (softmax == null) softmax = SoftmaxSettings.NONE;
        require(data != null, "--data is required");
        require(hidden == null || hidden >= 1, "--hidden must be at least 1, got " + hidden);
        require(bpttTruncate == null || bpttTruncate >= 0, "--bptt-truncate must be at least 0, got " + bpttTruncate);
        require(vocabularySize == null || vocabularySize >= 4, "--vocab-size must be at least 4, got " + vocabularySize);
        require(init == null || vocab == null, "--init and --vocab exclude each other: the model brings its vocabulary");
    }

    public int hiddenOrDefault() {
        return hidden != null ? hidden : RnnLanguageModel.DEFAULT_HIDDEN;
    }

    public int bpttTruncateOrDefault() {
        return bpttTruncate != null ? bpttTruncate : RnnLanguageModel.DEFAULT_BPTT_TRUNCATE;
    }

    public Dtype dtypeOrDefault() {
        return dtype != null ? dtype : Dtype.FLOAT;
    }

    public int vocabularySizeOrDefault() {
        return vocabularySize != null ? vocabularySize : RnnLanguageModel.DEFAULT_VOCABULARY_SIZE;
    }

    /**
     * Fails, naming the setting, when a size given here differs from the model's; {@code source}
     * says which model ("the --init model DIR"). The vocabulary size is a cap: a model with fewer
     * words fits it. A checkpoint also fixes the truncation: a resumed run trains on as it began.
     */
    public void checkAgainst(LanguageModelInfo model, String source, boolean truncationFixed) {
        same("--hidden", hidden, model.hiddenSize(), source);
        require(vocabularySize == null || vocabularySize >= model.vocabularySize(), "--vocab-size " + vocabularySize + " contradicts "
                + source + ", which has " + model.vocabularySize() + " words");
        if (dtype != null) same("--dtype", dtype.numpyName(), model.dtype(), source);
        if (truncationFixed) same("--bptt-truncate", bpttTruncate, model.bpttTruncate(), source);
    }

    static void same(String flag, Object given, Object model, String source) {
        require(given == null || given.equals(model), flag + " " + given + " contradicts " + source + ", which has " + model);
    }
}
