package org.sparkrnnlm.jobs.workflow;

import static org.sparkrnnlm.jobs.settings.InvalidSettingException.require;

import java.util.Locale;
import org.sparkrnnlm.core.lm.RnnLanguageModel;
import org.sparkrnnlm.core.lm.WordClasses;
import org.sparkrnnlm.core.model.LanguageModelInfo;
import org.sparkrnnlm.core.text.Vocabulary;

/**
 * {@code --softmax full|class}, {@code --classes N} and {@code --output-bias}, as given (null: not
 * given). A new model takes the full softmax without bias unless asked; a model to continue keeps
 * its own output, and a setting that contradicts it is an error. {@code --classes} without
 * {@code --softmax class} would be ignored, so it is an error too, as is a bias with the class softmax.
 */
public record SoftmaxSettings(String softmax, Integer classes, Boolean outputBias) {
    public static final SoftmaxSettings NONE = new SoftmaxSettings(null, null, null);

    public SoftmaxSettings(String softmax, Integer classes) {
        this(softmax, classes, null);
    }

    public SoftmaxSettings {
        if (softmax != null) softmax = softmax.toLowerCase(Locale.ROOT);
        require(softmax == null || softmax.equals(LanguageModelInfo.FULL_SOFTMAX) || softmax.equals(LanguageModelInfo.CLASS_SOFTMAX),
                "--softmax must be full or class, got " + softmax);
        require(classes == null || LanguageModelInfo.CLASS_SOFTMAX.equals(softmax), "--classes needs --softmax class");
        require(classes == null || classes >= 1, "--classes must be at least 1, got " + classes);
        require(!Boolean.TRUE.equals(outputBias) || !LanguageModelInfo.CLASS_SOFTMAX.equals(softmax), "--output-bias needs the full softmax");
    }

    /** Whether a new model gets the output bias b. */
    public boolean biased() {
        return Boolean.TRUE.equals(outputBias);
    }

    public boolean classFactored() {
        return LanguageModelInfo.CLASS_SOFTMAX.equals(softmax);
    }

    /** The classes of a new model over this vocabulary (null for the full softmax): by its counts, sqrt(C) of them unless given. */
    public WordClasses newClasses(Vocabulary vocabulary) {
        if (!classFactored()) return null;
        int n = classes != null ? classes : WordClasses.defaultCount(vocabulary.size());
        require(n <= vocabulary.size(), "--classes " + n + " exceeds the vocabulary of " + vocabulary.size() + " words");
        return WordClasses.byFrequency(counts(vocabulary), n);
    }

    /** A new model with the output bias asked for, set from the vocabulary's counts ({@link RnnLanguageModel#withUnigramBias}). */
    public RnnLanguageModel withOutputBias(RnnLanguageModel fresh, Vocabulary vocabulary) {
        return biased() ? fresh.withUnigramBias(counts(vocabulary)) : fresh;
    }

    private static long[] counts(Vocabulary vocabulary) {
        long[] counts = new long[vocabulary.size()];
        for (int w = 0; w < counts.length; w++) counts[w] = vocabulary.count(w);
        return counts;
    }

    /** Fails, naming the flag, when a setting differs from the model to continue; {@code classes} is its class count (0: full). */
    public void checkAgainst(LanguageModelInfo model, int modelClasses, String source) {
        TrainSettings.same("--softmax", softmax, model.softmaxName(), source);
        require(classes == null || classes == modelClasses, "--classes " + classes + " contradicts " + source + ", which has "
                + modelClasses + " classes");
        if (outputBias == null) return;
        require(outputBias == model.outputBias(), (outputBias ? "--output-bias" : "--no-output-bias")
                + " contradicts " + source + ", which has " + (model.outputBias() ? "an output bias" : "no output bias"));
    }

    /** Adds what decides the model to a run identity; nothing for the default, so full-softmax runs keep their ids. */
    void addTo(RunIdentity id) {
        if (classFactored()) id.add("softmax", softmax).add("classes", classes == null ? "default" : classes);
        if (biased()) id.add("outputBias", true);
    }
}
