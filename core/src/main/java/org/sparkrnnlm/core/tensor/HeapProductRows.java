package org.sparkrnnlm.core.tensor;

import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Rows of a float product {@code left^T right} (left T x R, right T x K) made a block at a time in
 * SIMD lanes into a heap array, for a rule to read while the block is in cache. With T the steps of
 * one sentence OpenBLAS spends about as long packing its operands as multiplying (see
 * {@link ProductRows}, which serves the other cases); here {@code right} is copied to the heap once
 * and each block of {@code left}'s columns once, and the rule reads the gradient from the heap too.
 * At C=8000, H=100 per-sentence Adam measured 0.82-0.85 of SGD's tokens per second against 0.77-0.80
 * with OpenBLAS's blocks. Holds its buffers: one instance per thread.
 */
public final class HeapProductRows {
    /**
     * Gradient elements per block: 256 KB of floats, which stay in a 1 MB L2 cache under the rule's
     * streams. With 40-80-row blocks some runs went four times slower after the JIT recompiled the rule.
     */
    private static final int BLOCK_ELEMENTS = 64 * 1024;
    private float[] right = new float[0];
    private float[] tile = new float[0];
    private float[] block = new float[0];
    private int[] starts = new int[0];
    private FloatBuffer left;
    private long leftBase;
    private long leftStride;
    private int steps;
    private int width;

    /** Whether these operands take this path: both float, rows contiguous, K at least one lane group. */
    public static boolean fits(INDArray left, INDArray right) {
        return VectorSupport.available() && left.dataType() == DataType.FLOAT && right.dataType() == DataType.FLOAT
                && left.rank() == 2 && right.rank() == 2 && left.size(0) == right.size(0) && left.stride(1) == 1
                && right.stride(1) == 1 && right.size(1) >= ProductLanes.LANES;
    }

    /** Takes the operands of the next blocks; {@code right} is read now, {@code left} block by block. */
    public void load(INDArray left, INDArray right) {
        if (!fits(left, right)) throw new IllegalArgumentException("HeapProductRows needs float operands with rows of at least one lane group");
        steps = Math.toIntExact(left.size(0));
        int k = Math.toIntExact(right.size(1));
        if (k != width || starts.length == 0) starts = ProductLanes.starts(k);
        width = k;
        if (this.right.length < steps * width) this.right = new float[steps * width];
        for (int t = 0; t < steps; t++) NdBuffers.readFloats(right, t * right.stride(0), this.right, t * width, width);
        this.left = NioViews.floats(left.data());
        leftBase = left.offset();
        leftStride = left.stride(0);
        int rows = blockRows();
        if (tile.length < steps * rows) tile = new float[steps * rows];
        if (block.length < rows * width) block = new float[rows * width];
    }

    /** Rows per block: a multiple of four, the four-row kernel's step. */
    public int blockRows() {
        return Math.max(4, BLOCK_ELEMENTS / width / 4 * 4);
    }

    /**
     * Rows {@code [from, from + count)}, {@code count <= blockRows()}, row-major from index 0 of the
     * returned array, which the next call overwrites.
     */
    public float[] rows(int from, int count) {
        // Rounded up to whole fours with zero columns, so that one kernel makes every row.
        int padded = (count + 3) & ~3;
        for (int t = 0; t < steps; t++) {
            left.get(Math.toIntExact(leftBase + t * leftStride + from), tile, t * padded, count);
            Arrays.fill(tile, t * padded + count, (t + 1) * padded, 0f);
        }
        for (int i = 0; i < padded; i += 4) ProductLanes.fourRows(tile, padded, right, width, steps, starts, i, block);
        return block;
    }
}
