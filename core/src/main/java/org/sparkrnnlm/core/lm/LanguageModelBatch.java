package org.sparkrnnlm.core.lm;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sparkrnnlm.core.tensor.Dtype;
import org.sparkrnnlm.core.tensor.NdBuffers;
import org.sparkrnnlm.core.tensor.Parameters;

/**
 * The summed gradient of a minibatch of sentences with one output layer for all of them: the
 * states of every sentence stacked into one N x H matrix S (N the batch's targets), then
 * {@code O = S V^T}, {@code dS = dO V} and {@code dV += dO^T S} as three GEMMs over all N rows
 * instead of three small ones per sentence. The recurrence and the BPTT stay per sentence; the
 * BPTT takes each sentence's states back from S rather than running the recurrence again. Equals the sum of the per-sentence gradients up to float rounding.
 * Holds reused buffers: one instance per thread.
 */
final class LanguageModelBatch {
    private final int vocabularySize;
    private final int hiddenSize;
    private final Dtype dtype;
    private final SentenceRecurrence recurrence;
    private final SoftmaxCrossEntropy output;
    /** Null without an output bias. */
    private final OutputBias bias;
    private INDArray logits;
    private INDArray states;
    private INDArray stateGrads;
    private int capacity;

    LanguageModelBatch(LanguageModelSpec spec) {
        this.vocabularySize = spec.vocabularySize();
        this.hiddenSize = spec.hiddenSize();
        this.dtype = spec.dtype();
        this.recurrence = new SentenceRecurrence(spec);
        this.output = SoftmaxCrossEntropy.forType(dtype.nd4j(), vocabularySize);
        this.bias = spec.outputBias() ? new OutputBias(dtype) : null;
    }

    /**
     * Adds {@code scale} times the batch's summed gradient into {@code target}; returns each sentence's
     * loss. Consecutive sentences go through the output layer together up to {@link #CHUNK_ROWS} rows:
     * enough for efficient GEMMs, while the chunk's logits (rows x C) stay in cache, where a whole large
     * batch's would be streamed through memory by every pass and stall two tasks against each other.
     */
    double[] accumulate(List<int[]> batch, Parameters parameters, Parameters target, double scale) {
        double[] losses = new double[batch.size()];
        int from = 0;
        while (from < batch.size()) {
            int to = from;
            int rows = 0;
            while (to < batch.size() && (to == from || rows + steps(batch.get(to)) <= CHUNK_ROWS)) rows += steps(batch.get(to++));
            double[] chunk = accumulateChunk(batch.subList(from, to), parameters, target, scale);
            System.arraycopy(chunk, 0, losses, from, chunk.length);
            from = to;
        }
        return losses;
    }

    static final int CHUNK_ROWS = 128;

    private static int steps(int[] ids) {
        return Math.max(0, ids.length - 1);
    }

    private double[] accumulateChunk(List<int[]> batch, Parameters parameters, Parameters target, double scale) {
        int rows = 0;
        for (int[] ids : batch) rows += steps(ids);
        double[] losses = new double[batch.size()];
        if (rows == 0) return losses;
        ensureCapacity(rows);
        int[] targets = new int[rows + 1];
        int row = 0;
        for (int[] ids : batch) {
            int steps = recurrence.forward(ids, parameters);
            NdBuffers.write(states, (long) row * hiddenSize, recurrence.states(), 0, steps * hiddenSize);
            System.arraycopy(ids, 1, targets, row + 1, steps);
            row += steps;
        }
        INDArray s = NdBuffers.firstRows(states, rows);
        INDArray o = NdBuffers.firstRows(logits, rows);
        INDArray ds = NdBuffers.firstRows(stateGrads, rows);
        Nd4j.gemm(s, parameters.get(RnnLanguageModel.V), o, false, true, 1.0, 0.0);
        if (bias != null) bias.addTo(o, parameters);
        sentenceLosses(batch, o, targets, losses);
        Nd4j.gemm(o, parameters.get(RnnLanguageModel.V), ds, false, false, 1.0, 0.0);
        Nd4j.gemm(o, s, target.get(RnnLanguageModel.V), true, false, scale, 1.0);
        if (bias != null) bias.accumulate(o, target, scale);
        backward(batch, parameters, target, scale, s, ds);
        return losses;
    }

    /** Softmax and {@code dO} over all rows, the loss kept per sentence. */
    private void sentenceLosses(List<int[]> batch, INDArray o, int[] targets, double[] losses) {
        int row = 0;
        for (int i = 0; i < batch.size(); i++) {
            int steps = Math.max(0, batch.get(i).length - 1);
            if (steps == 0) continue;
            losses[i] = output.apply(NdBuffers.rows(o, row, steps), steps, targets, row + 1, true);
            row += steps;
        }
    }

    private void backward(List<int[]> batch, Parameters parameters, Parameters target, double scale, INDArray s, INDArray ds) {
        int row = 0;
        for (int[] ids : batch) {
            int steps = recurrence.restore(ids, parameters, s, (long) row * hiddenSize);
            if (steps == 0) continue;
            NdBuffers.read(ds, (long) row * hiddenSize, recurrence.stateGradients(), 0, steps * hiddenSize);
            recurrence.backward(ids, parameters, target, scale, steps);
            row += steps;
        }
    }

    private void ensureCapacity(int rows) {
        if (rows <= capacity) return;
        capacity = Math.max(rows, Math.max(256, 2 * capacity));
        logits = Nd4j.create(dtype.nd4j(), capacity, vocabularySize);
        states = Nd4j.create(dtype.nd4j(), capacity, hiddenSize);
        stateGrads = Nd4j.create(dtype.nd4j(), capacity, hiddenSize);
    }
}
