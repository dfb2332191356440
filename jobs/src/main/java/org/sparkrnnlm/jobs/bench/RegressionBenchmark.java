package org.sparkrnnlm.jobs.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sparkrnnlm.core.regression.RegressionSpec;
import org.sparkrnnlm.core.regression.RnnRegressionModel;
import org.sparkrnnlm.core.regression.Sequence;
import org.sparkrnnlm.core.rnn.Activation;
import org.sparkrnnlm.core.tensor.Dtype;
import org.sparkrnnlm.core.train.ExampleSgd;
import org.sparkrnnlm.jobs.distributed.EngineThreads;
import org.sparkrnnlm.jobs.regression.DotProductTask;

/**
 * Per-sequence SGD on the dot-product task in one thread: sequences/s and the GFLOP/s they stand
 * for. Small layers are bound by per-sequence overhead, not arithmetic, which is what this shows.
 */
final class RegressionBenchmark {
    private final int hidden;
    private final int steps;

    RegressionBenchmark(int hidden, int steps) {
        this.hidden = hidden;
        this.steps = steps;
    }

    /** Multiply-adds times two of one forward and full backward pass (output after the last step). */
    long flopsPerSequence() {
        long h = hidden;
        long i = DotProductTask.INPUT_SIZE;
        long forward = steps * (2 * h * i + 2 * h * h) + 2 * h;
        long backward = steps * (2 * h * h + 2 * h * h + 2 * h * i) + 2 * h;
        return forward + backward;
    }

    Map<String, Object> run(int count, Dtype dtype) {
        EngineThreads.use(1);
        List<Sequence> data = new ArrayList<>();
        new DotProductTask(steps).sequences(count, 1).forEachRemaining(data::add);
        RegressionSpec spec = new RegressionSpec(DotProductTask.INPUT_SIZE, hidden, 1, RegressionSpec.FULL_BPTT,
                Activation.SIGMOID, false, dtype);
        RnnRegressionModel model = RnnRegressionModel.initialize(spec, 10);
        ExampleSgd<Sequence> sgd = new ExampleSgd<>(spec);
        for (int warm = 0; warm < 5; warm++) sgd.run(data.iterator(), Math.min(count, 20000), model.parameters(), 0.03);
        long start = System.nanoTime();
        sgd.run(data.iterator(), count, model.parameters(), 0.03);
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("dtype", dtype.numpyName());
        out.put("sequences", count);
        out.put("sequences_per_second", Math.round(count / seconds));
        out.put("microseconds_per_sequence", CoreBenchmark.round(1e6 * seconds / count));
        out.put("gflops", CoreBenchmark.round(flopsPerSequence() * count / seconds / 1e9));
        return out;
    }
}
