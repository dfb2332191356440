package org.sparkrnnlm.core.model;

import java.io.IOException;
import org.sparkrnnlm.core.regression.RegressionSpec;
import org.sparkrnnlm.core.regression.RnnRegressionModel;
import org.sparkrnnlm.core.regression.Sequence;
import org.sparkrnnlm.core.store.FileStore;
import org.sparkrnnlm.core.tensor.Parameters;

/** The regression model as a training job writes and resumes it. */
public record TrainableRegressionModel(RnnRegressionModel model) implements TrainableModel<Sequence, RegressionModelInfo> {

    @Override
    public RegressionSpec spec() {
        return model.spec();
    }

    @Override
    public Parameters parameters() {
        return model.parameters();
    }

    @Override
    public TrainableRegressionModel withParameters(Parameters parameters) {
        return new TrainableRegressionModel(model.withParameters(parameters));
    }

    @Override
    public RegressionModelInfo describe(ModelInfo.Progress progress) {
        return RegressionModelFiles.describe(model.spec(), progress);
    }

    @Override
    public void save(FileStore store, String dir, RegressionModelInfo info) throws IOException {
        RegressionModelFiles.save(store, dir, model, info);
    }

    @Override
    public Saved<Sequence, RegressionModelInfo> loadLike(FileStore store, String dir) throws IOException {
        RegressionModelFiles.Loaded loaded = RegressionModelFiles.load(store, dir);
        if (!loaded.model().spec().equals(model.spec())) {
            throw new IllegalArgumentException(dir + " holds a model of another shape: " + loaded.model().summary() + ", not "
                    + model.summary());
        }
        return new Saved<>(new TrainableRegressionModel(loaded.model()), loaded.info());
    }

    @Override
    public String summary() {
        return model.summary();
    }
}
