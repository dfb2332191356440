package org.sparkrnnlm.jobs.ml;

import java.io.IOException;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.MLWriter;
import org.sparkrnnlm.core.model.LanguageModelFiles;
import org.sparkrnnlm.core.store.FileStore;
import org.sparkrnnlm.jobs.hadoop.HadoopFileStore;

/**
 * Writes a fitted stage: Spark ML's metadata (its Params) in {@code PATH/metadata}, and in
 * {@code PATH/model} the model directory train publishes, so evaluate, generate and numpy read it.
 */
final class RnnLanguageModelWriter extends MLWriter {
    static final String MODEL = "model";
    private final RnnLanguageModel stage;

    RnnLanguageModelWriter(RnnLanguageModel stage) {
        this.stage = stage;
    }

    @Override
    public void saveImpl(String path) {
        // The SparkContext overload exists in Spark 3.5 and 4.x alike.
        DefaultParamsWriter.saveMetadata(stage, path, sc(), scala.Option.empty(), scala.Option.empty());
        LanguageModelFiles.Loaded trained = stage.trained();
        try {
            LanguageModelFiles.save(new HadoopFileStore(sc().hadoopConfiguration()), FileStore.join(path, MODEL), trained.model(),
                    trained.vocabulary(), trained.info());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
