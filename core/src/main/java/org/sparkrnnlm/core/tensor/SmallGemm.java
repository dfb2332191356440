package org.sparkrnnlm.core.tensor;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code C (+)= A B} for the hidden-size matrices of the recurrence (H x H weights, a sentence's
 * rows), on heap double arrays in SIMD lanes. Written here rather than called through ND4J because
 * at these sizes a native GEMM call plus the copies to and from off-heap memory cost more than the
 * arithmetic. Lanes run over C's columns, so each entry is one fused multiply-add chain over the
 * depth in order: the bits do not depend on the lane count or on whether the JIT has compiled the
 * loop, and the scalar tail ({@link Math#fma}) computes the same chain.
 *
 * <p>A is addressed through strides, {@code A(r, p) = a[aOff + r * aRow + p * aDepth]}, so a
 * transposed operand needs no copy; B and C are row-major with the given row lengths.
 */
public final class SmallGemm {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    private SmallGemm() {
    }

    /**
     * C is {@code rows x cols} and the depth {@code depth}:
     * C[r][n] = (accumulate ? C[r][n] : 0) + sum over p of A(r, p) B[p][n], for r < rows, n < cols.
     */
    public static void multiply(int rows, int cols, int depth, double[] a, int aOff, int aRow, int aDepth,
                                double[] b, int bOff, int bRow, double[] c, int cOff, int cRow, boolean accumulate) {
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            fourRows(cols, depth, a, aOff + r * aRow, aRow, aDepth, b, bOff, bRow, c, cOff + r * cRow, cRow, accumulate);
        }
        for (; r < rows; r++) {
            oneRow(cols, depth, a, aOff + r * aRow, aDepth, b, bOff, bRow, c, cOff + r * cRow, accumulate);
        }
    }

    /** Four rows per pass: each load of B feeds four independent FMA chains. */
    private static void fourRows(int cols, int depth, double[] a, int a0, int aRow, int aDepth,
                                 double[] b, int bOff, int bRow, double[] c, int c0, int cRow, boolean accumulate) {
        int vectorEnd = SPECIES.loopBound(cols);
        for (int n = 0; n < vectorEnd; n += LANES) {
            DoubleVector s0 = start(c, c0 + n, accumulate);
            DoubleVector s1 = start(c, c0 + cRow + n, accumulate);
            DoubleVector s2 = start(c, c0 + 2 * cRow + n, accumulate);
            DoubleVector s3 = start(c, c0 + 3 * cRow + n, accumulate);
            for (int p = 0; p < depth; p++) {
                DoubleVector bp = DoubleVector.fromArray(SPECIES, b, bOff + p * bRow + n);
                int at = a0 + p * aDepth;
                s0 = bp.fma(DoubleVector.broadcast(SPECIES, a[at]), s0);
                s1 = bp.fma(DoubleVector.broadcast(SPECIES, a[at + aRow]), s1);
                s2 = bp.fma(DoubleVector.broadcast(SPECIES, a[at + 2 * aRow]), s2);
                s3 = bp.fma(DoubleVector.broadcast(SPECIES, a[at + 3 * aRow]), s3);
            }
            s0.intoArray(c, c0 + n);
            s1.intoArray(c, c0 + cRow + n);
            s2.intoArray(c, c0 + 2 * cRow + n);
            s3.intoArray(c, c0 + 3 * cRow + n);
        }
        for (int n = vectorEnd; n < cols; n++) {
            scalarColumnOfFour(n, depth, a, a0, aRow, aDepth, b, bOff, bRow, c, c0, cRow, accumulate);
        }
    }

    /** Column n of four rows: four independent chains, so the FMAs' latencies overlap. */
    private static void scalarColumnOfFour(int n, int depth, double[] a, int a0, int aRow, int aDepth,
                                           double[] b, int bOff, int bRow, double[] c, int c0, int cRow, boolean accumulate) {
        double s0 = accumulate ? c[c0 + n] : 0.0;
        double s1 = accumulate ? c[c0 + cRow + n] : 0.0;
        double s2 = accumulate ? c[c0 + 2 * cRow + n] : 0.0;
        double s3 = accumulate ? c[c0 + 3 * cRow + n] : 0.0;
        for (int p = 0; p < depth; p++) {
            double bp = b[bOff + p * bRow + n];
            int at = a0 + p * aDepth;
            s0 = Math.fma(a[at], bp, s0);
            s1 = Math.fma(a[at + aRow], bp, s1);
            s2 = Math.fma(a[at + 2 * aRow], bp, s2);
            s3 = Math.fma(a[at + 3 * aRow], bp, s3);
        }
        c[c0 + n] = s0;
        c[c0 + cRow + n] = s1;
        c[c0 + 2 * cRow + n] = s2;
        c[c0 + 3 * cRow + n] = s3;
    }

    /** One row: four column blocks per pass, so that the FMA chains do not wait on each other. */
    private static void oneRow(int cols, int depth, double[] a, int a0, int aDepth,
                               double[] b, int bOff, int bRow, double[] c, int c0, boolean accumulate) {
        int vectorEnd = SPECIES.loopBound(cols);
        int n = 0;
        for (; n + 4 * LANES <= vectorEnd; n += 4 * LANES) {
            DoubleVector s0 = start(c, c0 + n, accumulate);
            DoubleVector s1 = start(c, c0 + n + LANES, accumulate);
            DoubleVector s2 = start(c, c0 + n + 2 * LANES, accumulate);
            DoubleVector s3 = start(c, c0 + n + 3 * LANES, accumulate);
            for (int p = 0; p < depth; p++) {
                DoubleVector ap = DoubleVector.broadcast(SPECIES, a[a0 + p * aDepth]);
                int at = bOff + p * bRow + n;
                s0 = DoubleVector.fromArray(SPECIES, b, at).fma(ap, s0);
                s1 = DoubleVector.fromArray(SPECIES, b, at + LANES).fma(ap, s1);
                s2 = DoubleVector.fromArray(SPECIES, b, at + 2 * LANES).fma(ap, s2);
                s3 = DoubleVector.fromArray(SPECIES, b, at + 3 * LANES).fma(ap, s3);
            }
            s0.intoArray(c, c0 + n);
            s1.intoArray(c, c0 + n + LANES);
            s2.intoArray(c, c0 + n + 2 * LANES);
            s3.intoArray(c, c0 + n + 3 * LANES);
        }
        for (; n < vectorEnd; n += LANES) {
            DoubleVector s = start(c, c0 + n, accumulate);
            for (int p = 0; p < depth; p++) {
                s = DoubleVector.fromArray(SPECIES, b, bOff + p * bRow + n).fma(DoubleVector.broadcast(SPECIES, a[a0 + p * aDepth]), s);
            }
            s.intoArray(c, c0 + n);
        }
        scalarTail(vectorEnd, cols, depth, a, a0, aDepth, b, bOff, bRow, c, c0, accumulate);
    }

    private static DoubleVector start(double[] c, int at, boolean accumulate) {
        return accumulate ? DoubleVector.fromArray(SPECIES, c, at) : DoubleVector.zero(SPECIES);
    }

    private static void scalarTail(int from, int cols, int depth, double[] a, int a0, int aDepth,
                                   double[] b, int bOff, int bRow, double[] c, int c0, boolean accumulate) {
        for (int n = from; n < cols; n++) {
            double s = accumulate ? c[c0 + n] : 0.0;
            for (int p = 0; p < depth; p++) s = Math.fma(a[a0 + p * aDepth], b[bOff + p * bRow + n], s);
            c[c0 + n] = s;
        }
    }
}
