package org.sparkrnnlm.jobs.workflow;

import java.io.IOException;
import java.util.Arrays;
import org.sparkrnnlm.core.model.ModelInfo;
import org.sparkrnnlm.core.model.OptimizerStateFile;
import org.sparkrnnlm.core.model.TrainableModel;
import org.sparkrnnlm.core.store.AtomicReplace;
import org.sparkrnnlm.core.store.FileStore;
import org.sparkrnnlm.core.tensor.Parameters;
import org.sparkrnnlm.jobs.hadoop.HadoopFileStore;

/**
 * {@code DIR/checkpoints/epoch-NNNN/}: model directories written under a temporary name and renamed
 * when complete, so a crash mid-write never leaves a checkpoint that looks finished. The newest few are kept.
 */
public final class Checkpoints {
    private static final String PREFIX = "epoch-";
    private final HadoopFileStore store;
    private final String dir;
    private final int keep;

    public Checkpoints(HadoopFileStore store, String outputDir, int keep) {
        this.store = store;
        this.dir = FileStore.join(outputDir, "checkpoints");
        this.keep = keep;
    }

    public <I extends ModelInfo> void write(int epochsDone, TrainableModel<?, I> model, I info, Parameters optimizerState) throws IOException {
        String name = String.format("%s%04d", PREFIX, epochsDone);
        AtomicReplace.directory(store, FileStore.join(dir, name), d -> {
            model.save(store, d, info);
            OptimizerStateFile.write(store, d, optimizerState);
        });
        String[] all = completed();
        for (int i = 0; i < all.length - keep; i++) store.delete(FileStore.join(dir, all[i]));
    }

    /** The newest completed checkpoint's path, or null. */
    public String newest() throws IOException {
        String[] all = completed();
        return all.length == 0 ? null : FileStore.join(dir, all[all.length - 1]);
    }

    private String[] completed() throws IOException {
        return Arrays.stream(store.list(dir)).filter(n -> n.matches(PREFIX + "\\d+")).sorted().toArray(String[]::new);
    }
}
