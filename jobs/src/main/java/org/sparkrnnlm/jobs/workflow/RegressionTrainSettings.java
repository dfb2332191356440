package org.sparkrnnlm.jobs.workflow;

import static org.sparkrnnlm.jobs.settings.InvalidSettingException.require;
import static org.sparkrnnlm.jobs.workflow.TrainSettings.same;

import java.util.Locale;
import org.sparkrnnlm.core.model.RegressionModelInfo;
import org.sparkrnnlm.core.regression.RegressionSpec;
import org.sparkrnnlm.core.regression.RnnRegressionModel;
import org.sparkrnnlm.core.rnn.Activation;
import org.sparkrnnlm.core.tensor.Dtype;

/**
 * What {@code train-regression} is asked to do. Model settings are null when not given: a new
 * model takes the regression's defaults, a model to continue keeps its own, and a given setting
 * that contradicts it is an error. A truncation given with --init applies to the model.
 */
public record RegressionTrainSettings(String data, String heldout, String init, Integer hidden, Activation activation,
                                      Boolean everyStep, Integer bpttTruncate, Dtype dtype, SequenceInput input, Schedule schedule,
                                      DistributedSettings distributed) {

    public RegressionTrainSettings {
        require(data != null, "--data is required");
        require(hidden == null || hidden >= 1, "--hidden must be at least 1, got " + hidden);
        require(bpttTruncate == null || bpttTruncate >= 0, "--bptt-truncate must be at least 0, got " + bpttTruncate);
    }

    /** The settings of a new model for data of these sizes. */
    public RegressionSpec newSpec(int inputSize, int outputSize, boolean dataEveryStep) {
        return new RegressionSpec(inputSize, hidden != null ? hidden : RnnRegressionModel.DEFAULT_HIDDEN, outputSize,
                bpttTruncate != null ? bpttTruncate : RegressionSpec.FULL_BPTT, activation != null ? activation : Activation.SIGMOID,
                dataEveryStep, dtype != null ? dtype : Dtype.DOUBLE);
    }

    /** Fails, naming the setting, when one given here differs from the model's. */
    public void checkAgainst(RegressionModelInfo model, String source, boolean truncationFixed) {
        same("--hidden", hidden, model.hiddenSize(), source);
        same("--output-every-step", everyStep, model.outputEveryStep(), source);
        if (activation != null) same("--activation", activation.name().toLowerCase(Locale.ROOT), model.activation(), source);
        if (dtype != null) same("--dtype", dtype.numpyName(), model.dtype(), source);
        if (truncationFixed) {
            same("--bptt-truncate", bpttTruncate, model.bpttTruncate(), source);
        }
    }
}
