package org.sparkrnnlm.jobs.cli;

import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.sparkrnnlm.core.optim.LearningRateSchedule;
import org.sparkrnnlm.core.optim.Optimizer;
import org.sparkrnnlm.core.optim.OptimizerSettings;
import org.sparkrnnlm.jobs.settings.InvalidSettingException;
import picocli.CommandLine.Option;

/** The update rule both train commands take; each command keeps its own default learning rates. */
public final class OptimizerOptions {
    @Option(names = "--optimizer", defaultValue = "sgd", paramLabel = "NAME",
            description = "Update rule: sgd (the tutorial's), adagrad or adam (default: ${DEFAULT-VALUE}).")
    String optimizer;
    @Option(names = "--clip-norm", defaultValue = "0", paramLabel = "F",
            description = "Scale each example's (gradient mode: each batch's) gradient down to this L2 norm (default: 0, off).")
    double clipNorm;
    @Option(names = "--lr-schedule", paramLabel = "NAME",
            description = "How the rate moves within the run: constant, or linear (from --lr down to 0 over all epochs' examples; "
                    + "annealing still halves it). Default: linear for adam in train, constant otherwise.")
    String lrSchedule;
    @Option(names = "--beta1", paramLabel = "F", description = "Adam's first-moment decay (default: 0.9).")
    Double beta1;
    @Option(names = "--beta2", paramLabel = "F", description = "Adam's second-moment decay (default: 0.999).")
    Double beta2;
    @Option(names = "--epsilon", paramLabel = "F", description = "Adam's and Adagrad's epsilon (default: 1e-8).")
    Double epsilon;

    /** The settings, or a usage error naming the flag. */
    OptimizerSettings settings() {
        Optimizer kind;
        try {
            kind = Optimizer.parse(optimizer);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException("--optimizer: " + e.getMessage());
        }
        if (kind != Optimizer.ADAM && (beta1 != null || beta2 != null)) {
            throw new InvalidSettingException("--beta1 and --beta2 apply to --optimizer adam only");
        }
        if (kind == Optimizer.SGD && epsilon != null) throw new InvalidSettingException("--epsilon applies to adagrad and adam only");
        OptimizerSettings d = OptimizerSettings.defaults(kind);
        try {
            return new OptimizerSettings(kind, beta1 != null ? beta1 : d.beta1(), beta2 != null ? beta2 : d.beta2(),
                    epsilon != null ? epsilon : d.epsilon(), clipNorm);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException("--" + e.getMessage().replaceFirst("^the clipping norm", "clip-norm"));
        }
    }

    /** The schedule given, or the model's default for the rule. */
    LearningRateSchedule schedule(OptimizerSettings settings, Function<Optimizer, LearningRateSchedule> defaults) {
        if (lrSchedule == null) return defaults.apply(settings.optimizer());
        try {
            return LearningRateSchedule.parse(lrSchedule);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException("--lr-schedule: " + e.getMessage());
        }
    }

    /** The learning rate given, or the model's default for the rule. */
    static double learningRate(Double given, OptimizerSettings settings, ToDoubleFunction<Optimizer> defaults) {
        return given != null ? given : defaults.applyAsDouble(settings.optimizer());
    }
}
