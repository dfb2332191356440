package org.sparkrnnlm.core.model;

import java.io.IOException;
import java.util.Locale;
import org.sparkrnnlm.core.regression.RegressionSpec;
import org.sparkrnnlm.core.regression.RnnRegressionModel;
import org.sparkrnnlm.core.rnn.Activation;
import org.sparkrnnlm.core.store.AtomicReplace;
import org.sparkrnnlm.core.store.FileStore;
import org.sparkrnnlm.core.store.ModelFormatException;
import org.sparkrnnlm.core.tensor.Parameters;

/**
 * A regression-model directory: params.npz (W_uh, W_hh, W_hy, b_h, b_y) and model.json (sizes,
 * activation, output placement, truncation). Without model.json the sizes come from the arrays
 * and the settings are the defaults: sigmoid, output after the last step, full BPTT.
 */
public final class RegressionModelFiles {
    private RegressionModelFiles() {
    }

    public record Loaded(RnnRegressionModel model, RegressionModelInfo info) {
    }

    public static void save(FileStore store, String dir, RnnRegressionModel model, RegressionModelInfo info) throws IOException {
        ModelDirectory.write(store, dir, model.parameters(), info);
    }

    /** Reads a model directory, also while a writer replaces it. */
    public static Loaded load(FileStore store, String dir) throws IOException {
        return AtomicReplace.read(store, dir, d -> loadOnce(store, d));
    }

    private static Loaded loadOnce(FileStore store, String dir) throws IOException {
        ModelDirectory.Contents<RegressionModelInfo> contents =
                ModelDirectory.read(store, dir, RegressionModelInfo.class, RnnRegressionModel.ARRAYS);
        RegressionModelInfo info = contents.info();
        try {
            RegressionSpec spec = spec(contents.parameters(), info);
            RnnRegressionModel model = RnnRegressionModel.of(spec, contents.parameters());
            return new Loaded(model, info != null ? info : describe(spec, ModelInfo.Progress.untrained(RnnRegressionModel.DEFAULT_LEARNING_RATE)));
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(contents.paramsPath() + ": " + e.getMessage());
        }
    }

    /** Sizes from the arrays (W_uh is H x I, W_hy is K x H); settings from model.json when present. */
    private static RegressionSpec spec(Parameters p, RegressionModelInfo info) {
        long[] wuh = p.get(RnnRegressionModel.W_UH).shape();
        long[] why = p.get(RnnRegressionModel.W_HY).shape();
        if (wuh.length != 2 || why.length != 2) throw new IllegalArgumentException("W_uh and W_hy must be matrices");
        Activation g = info == null ? Activation.SIGMOID : Activation.valueOf(info.activation().toUpperCase(Locale.ROOT));
        boolean everyStep = info != null && info.outputEveryStep();
        int truncate = info == null ? RegressionSpec.FULL_BPTT : info.bpttTruncate();
        return new RegressionSpec((int) wuh[1], (int) wuh[0], (int) why[0], truncate, g, everyStep, p.dtype());
    }

    public static RegressionModelInfo describe(RegressionSpec spec, ModelInfo.Progress progress) {
        return new RegressionModelInfo(spec.inputSize(), spec.hiddenSize(), spec.outputSize(),
                spec.activation().name().toLowerCase(Locale.ROOT), spec.outputEveryStep(), spec.bpttTruncate(),
                spec.dtype().numpyName(), progress);
    }

}
