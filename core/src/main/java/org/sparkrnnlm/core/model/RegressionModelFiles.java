package org.sparkrnnlm.core.model;

import org.sparkrnnlm.core.store.FileStore;
import org.sparkrnnlm.core.store.ModelFormatException;

import java.io.IOException;
import java.util.Locale;
import org.sparkrnnlm.core.regression.RegressionSpec;
import org.sparkrnnlm.core.regression.RnnRegressionModel;
import org.sparkrnnlm.core.rnn.Activation;
import org.sparkrnnlm.core.tensor.Parameters;

/**
 * A regression-model directory: params.npz (W_uh, W_hh, W_hy, b_h, b_y) and model.json (sizes,
 * activation, output placement, truncation). Without model.json the sizes come from the arrays
 * and the settings are the defaults: sigmoid, output after the last step, full BPTT.
 */
public final class RegressionModelFiles {
    private RegressionModelFiles() {
    }

    public record Loaded(RnnRegressionModel model, ModelInfo info) {
    }

    public static void save(FileStore store, String dir, RnnRegressionModel model, ModelInfo info) throws IOException {
        ModelDirectory.write(store, dir, model.parameters(), info);
    }

    public static Loaded load(FileStore store, String dir) throws IOException {
        ModelDirectory.Contents contents = ModelDirectory.read(store, dir, ModelInfo.SEQUENCE_REGRESSION, RnnRegressionModel.ARRAYS);
        ModelInfo info = contents.info();
        try {
            RegressionSpec spec = spec(contents.parameters(), info);
            RnnRegressionModel model = RnnRegressionModel.of(spec, contents.parameters());
            return new Loaded(model, info != null ? info : describe(spec, ModelInfo.Progress.UNTRAINED));
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(contents.paramsPath() + ": " + e.getMessage());
        }
    }

    /** Sizes from the arrays (W_uh is H x I, W_hy is K x H); settings from model.json when present. */
    private static RegressionSpec spec(Parameters p, ModelInfo info) {
        long[] wuh = p.get(RnnRegressionModel.W_UH).shape();
        long[] why = p.get(RnnRegressionModel.W_HY).shape();
        if (wuh.length != 2 || why.length != 2) throw new IllegalArgumentException("W_uh and W_hy must be matrices");
        Activation g = info == null || info.activation() == null ? Activation.SIGMOID
                : Activation.valueOf(info.activation().toUpperCase(Locale.ROOT));
        boolean everyStep = info != null && Boolean.TRUE.equals(info.outputEveryStep());
        int truncate = info == null ? RegressionSpec.FULL_BPTT : info.bpttTruncate();
        return new RegressionSpec((int) wuh[1], (int) wuh[0], (int) why[0], truncate, g, everyStep, p.dtype());
    }

    public static ModelInfo describe(RegressionSpec spec, ModelInfo.Progress progress) {
        return ModelInfo.regression(spec.inputSize(), spec.hiddenSize(), spec.outputSize(),
                spec.activation().name().toLowerCase(Locale.ROOT), spec.outputEveryStep(), spec.bpttTruncate(),
                spec.dtype().numpyName(), progress);
    }

}
