package org.sparkrnnlm.jobs.ml;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.MLReader;
import org.sparkrnnlm.core.model.LanguageModelFiles;
import org.sparkrnnlm.core.store.FileStore;
import org.sparkrnnlm.jobs.hadoop.HadoopFileStore;

/** Reads what {@link RnnLanguageModelWriter} wrote: the Params, then the model directory through Hadoop. */
final class RnnLanguageModelReader extends MLReader<RnnLanguageModel> {

    @Override
    public RnnLanguageModel load(String path) {
        DefaultParamsReader.Metadata metadata = DefaultParamsReader.loadMetadata(path, sc(), RnnLanguageModel.class.getName());
        try {
            LanguageModelFiles.Loaded trained = LanguageModelFiles.load(new HadoopFileStore(sc().hadoopConfiguration()),
                    FileStore.join(path, RnnLanguageModelWriter.MODEL));
            RnnLanguageModel model = new RnnLanguageModel(metadata.uid(), trained);
            metadata.getAndSetParams(model, scala.Option.empty());
            return model;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
