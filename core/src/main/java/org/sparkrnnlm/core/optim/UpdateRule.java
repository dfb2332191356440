package org.sparkrnnlm.core.optim;

import java.io.Serializable;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sparkrnnlm.core.tensor.HeapProductRows;
import org.sparkrnnlm.core.tensor.NdBuffers;
import org.sparkrnnlm.core.tensor.Parameters;

/**
 * An update rule applied to a gradient: {@code theta} and the rule's state arrays live together in
 * one {@link Parameters} (see {@link OptimizerState}), so broadcasting, averaging and checkpoints
 * carry the state with the weights. Where a gradient is sparse only its runs are updated, state
 * included (Adam's "lazy" form; for Adagrad it is exact).
 */
public abstract class UpdateRule implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Elements updated per pass through the scratch arrays: small enough to stay in the L1/L2 cache. */
    private static final int CHUNK = 2048;
    private transient double[][] scratch;
    private transient INDArray productBlock;
    private transient float[][] floatScratch;
    /** A float gradient's chunk copied to the heap, where the SIMD forms read it. */
    private transient float[] gradientStage;
    private transient HeapProductRows heapRows;

    public static UpdateRule of(OptimizerSettings settings) {
        return switch (settings.optimizer()) {
            case SGD -> new SgdRule();
            case ADAGRAD -> new AdagradRule(settings.epsilon());
            case ADAM -> new AdamRule(settings.beta1(), settings.beta2(), settings.epsilon());
        };
    }

    /** The state arrays kept per model array, as suffixes of its name ("U.adam_m"). */
    abstract List<String> stateSuffixes();

    /** Whether the rule counts its steps (in {@link OptimizerState#STEPS}). */
    boolean countsSteps() {
        return false;
    }

    /** Called once per step before the arrays are updated, with the step's number (1 for the first). */
    void begin(double step) {
    }

    /**
     * Updates n elements held in plain arrays: theta, the gradient (times scale) and the state
     * arrays, all in double (a float model takes {@link #updateFloats} where the rule has one).
     */
    abstract void update(double[] theta, double[] gradient, double[][] state, int n, double lr, double scale);

    /** Whether the rule has a float form ({@link #updateFloats}) used when every array is float. */
    boolean updatesFloats() {
        return false;
    }

    /**
     * Updates the first elements of a float range straight in the buffers of theta and the state where
     * the rule has a SIMD form, gradient element i at {@code gradient[i]}; returns how many it did (by
     * default none: the rest goes through {@link #updateFloats}).
     */
    int updateFloatsInPlace(INDArray theta, float[] gradient, INDArray[] state, int offset, int length, double lr, double scale) {
        return 0;
    }

    /** As {@link #update} with float arrays and float arithmetic (the model's own precision). */
    void updateFloats(float[] theta, float[] gradient, float[][] state, int n, double lr, double scale) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " updates in double only");
    }

    /**
     * One step: every array of {@code gradient} (scaled by {@code scale}) updates the array of the
     * same name in {@code all} and its state; {@code sparse} (may be null) limits one array to runs.
     */
    public final void step(Parameters all, Parameters gradient, SparseRuns sparse, double lr, double scale) {
        step(all, gradient, sparse, null, lr, scale);
    }

    /** As above, where {@code products} (may be null) stands for some arrays of {@code gradient}, which are then not read. */
    public final void step(Parameters all, Parameters gradient, SparseRuns sparse, GradientProducts products, double lr, double scale) {
        if (countsSteps()) {
            INDArray steps = all.get(OptimizerState.STEPS);
            double step = steps.getDouble(0) + 1;
            steps.putScalar(0, step);
            begin(step);
        }
        List<String> suffixes = stateSuffixes();
        for (String name : gradient.names()) {
            INDArray theta = all.get(name);
            INDArray[] state = new INDArray[suffixes.size()];
            for (int k = 0; k < state.length; k++) state[k] = all.get(OptimizerState.stateName(name, suffixes.get(k)));
            GradientProducts.Product product = products == null ? null : products.get(name);
            SparseRuns.Ranges ranges = sparse == null ? null : sparse.ranges(name);
            if (product != null) {
                updateProduct(theta, product, state, lr, scale);
            } else if (ranges != null) {
                for (int i = 0; i < ranges.count(); i++) {
                    int offset = ranges.offsets()[i];
                    updateChunks(theta, gradient.get(name), offset, state, offset, ranges.lengths()[i], lr, scale);
                }
            } else {
                updateChunks(theta, gradient.get(name), 0, state, 0, Math.toIntExact(theta.length()), lr, scale);
            }
        }
    }

    /** Makes the product's rows a block at a time into a reused buffer and updates each block from it. */
    private void updateProduct(INDArray theta, GradientProducts.Product product, INDArray[] state, double lr, double scale) {
        int width = product.width();
        if (theta.ordering() != 'c' || theta.length() != (long) product.rows() * width) {
            throw new IllegalArgumentException("a product gradient needs a row-major " + product.rows() + " x " + width + " array");
        }
        if (updatesFloats() && allFloat(theta, state) && HeapProductRows.fits(product.left(), product.right())) {
            updateProductOnHeap(theta, product, state, lr, scale);
            return;
        }
        int rows = product.blockRows();
        if (productBlock == null || productBlock.dataType() != theta.dataType() || productBlock.length() < (long) rows * width) {
            productBlock = Nd4j.create(theta.dataType(), rows, width);
        }
        for (int from = 0; from < product.rows(); from += rows) {
            int count = Math.min(rows, product.rows() - from);
            product.rowsInto(from, count, productBlock);
            updateChunks(theta, productBlock, 0, state, from * width, count * width, lr, scale);
        }
    }

    /** As above for a float rule, the blocks made in SIMD lanes on the heap. */
    private void updateProductOnHeap(INDArray theta, GradientProducts.Product product, INDArray[] state, double lr, double scale) {
        if (heapRows == null) heapRows = new HeapProductRows();
        heapRows.load(product.left(), product.right());
        int width = product.width();
        int rows = heapRows.blockRows();
        for (int from = 0; from < product.rows(); from += rows) {
            int count = Math.min(rows, product.rows() - from);
            updateFloatRun(theta, heapRows.rows(from, count), state, from * width, count * width, lr, scale);
        }
    }

    /**
     * Updates {@code [offset, offset + length)} a cache-sized chunk at a time, from the gradient's run
     * that starts at {@code gradientOffset}.
     */
    private void updateChunks(INDArray theta, INDArray gradient, int gradientOffset, INDArray[] state, int offset, int length, double lr,
            double scale) {
        boolean floats = updatesFloats() && gradient.dataType() == DataType.FLOAT && allFloat(theta, state);
        if (floats && gradientStage == null) gradientStage = new float[CHUNK];
        for (int at = 0; at < length; at += CHUNK) {
            int n = Math.min(CHUNK, length - at);
            if (floats) {
                NdBuffers.readFloats(gradient, gradientOffset + at, gradientStage, 0, n);
                updateFloatRun(theta, gradientStage, state, offset + at, n, lr, scale);
            } else {
                updateRange(theta, gradient, gradientOffset + at, state, offset + at, n, lr, scale);
            }
        }
    }

    private static boolean allFloat(INDArray theta, INDArray[] state) {
        if (theta.dataType() != DataType.FLOAT) return false;
        for (INDArray s : state) if (s.dataType() != DataType.FLOAT) return false;
        return true;
    }

    /** Updates {@code [offset, offset + n)} from {@code gradient[0, n)}: SIMD lanes where the rule has them, the rest in plain float. */
    private void updateFloatRun(INDArray theta, float[] gradient, INDArray[] state, int offset, int n, double lr, double scale) {
        int done = updateFloatsInPlace(theta, gradient, state, offset, n, lr, scale);
        for (int at = done; at < n; at += CHUNK) {
            updateFloatRange(theta, gradient, at, state, offset + at, Math.min(CHUNK, n - at), lr, scale);
        }
    }

    /** As {@link #updateRange} in float, the gradient from {@code gradient[gradientOffset, gradientOffset + n)}. */
    private void updateFloatRange(INDArray theta, float[] gradient, int gradientOffset, INDArray[] state, int offset, int n, double lr,
            double scale) {
        if (floatScratch == null || floatScratch.length < 2 + state.length) floatScratch = new float[2 + state.length][CHUNK];
        NdBuffers.readFloats(theta, offset, floatScratch[0], 0, n);
        System.arraycopy(gradient, gradientOffset, floatScratch[1], 0, n);
        float[][] moments = new float[state.length][];
        for (int k = 0; k < state.length; k++) {
            moments[k] = floatScratch[2 + k];
            NdBuffers.readFloats(state[k], offset, moments[k], 0, n);
        }
        updateFloats(floatScratch[0], floatScratch[1], moments, n, lr, scale);
        NdBuffers.writeFloats(theta, offset, floatScratch[0], 0, n);
        for (int k = 0; k < state.length; k++) NdBuffers.writeFloats(state[k], offset, moments[k], 0, n);
    }

    /** Copies a range into the scratch arrays, updates it there and copies theta and state back. */
    private void updateRange(INDArray theta, INDArray gradient, int gradientOffset, INDArray[] state, int offset, int n, double lr, double scale) {
        if (scratch == null || scratch.length < 2 + state.length) scratch = new double[2 + state.length][CHUNK];
        NdBuffers.read(theta, offset, scratch[0], 0, n);
        NdBuffers.read(gradient, gradientOffset, scratch[1], 0, n);
        double[][] moments = new double[state.length][];
        for (int k = 0; k < state.length; k++) {
            moments[k] = scratch[2 + k];
            NdBuffers.read(state[k], offset, moments[k], 0, n);
        }
        update(scratch[0], scratch[1], moments, n, lr, scale);
        NdBuffers.write(theta, offset, scratch[0], 0, n);
        for (int k = 0; k < state.length; k++) NdBuffers.write(state[k], offset, moments[k], 0, n);
    }
}
