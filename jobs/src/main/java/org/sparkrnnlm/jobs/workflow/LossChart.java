package org.sparkrnnlm.jobs.workflow;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.sparkrnnlm.jobs.report.LossPlot;
import org.sparkrnnlm.jobs.report.MetricsRecord;

/**
 * What loss.png shows of a run's evaluations, per target (token or output value): which data the loss was measured on ("held-out",
 * "training") and in which measure (the language model's perplexity, the regression's MSE).
 */
public record LossChart(String data, String measure, DoubleUnaryOperator fromLoss) {
    private static final String HELD_OUT = "held-out";
    private static final String TRAINING = "training";

    public static LossChart perplexity(boolean heldout) {
        return new LossChart(heldout ? HELD_OUT : TRAINING, "perplexity", Math::exp);
    }

    public static LossChart meanSquaredError(boolean heldout) {
        return new LossChart(heldout ? HELD_OUT : TRAINING, "mean squared error", loss -> loss);
    }

    void write(String command, List<MetricsRecord> records, OutputStream out) throws IOException {
        plot(command, records).write(out);
    }

    /** The evaluated loss; with held-out data also the training loss during each epoch, when known. */
    LossPlot plot(String command, List<MetricsRecord> records) {
        List<LossPlot.Point> training = data.equals(TRAINING) ? List.of()
                : records.stream().filter(r -> r.trainingLoss() != null).map(r -> point(r, r.trainingLoss())).toList();
        String shown = training.isEmpty() ? data + " " + measure : measure;
        LossPlot plot = new LossPlot("rnnlm " + command + ": " + shown, "examples seen", shown)
                .series(data, records.stream().map(r -> point(r, r.perTargetLoss())).toList());
        if (!training.isEmpty()) plot.series(TRAINING + " (during each epoch)", training);
        return plot.learningRateDrops(records);
    }

    private LossPlot.Point point(MetricsRecord r, double loss) {
        return new LossPlot.Point(r.examplesSeen(), fromLoss.applyAsDouble(loss));
    }
}
