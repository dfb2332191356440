package org.sparkrnnlm.core.tensor;

import java.io.Serializable;
import java.util.Arrays;
import java.util.LinkedHashMap;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * All parameters of a model in one flat primitive array plus their layout. INDArrays do not
 * survive Kryo (STACK-NOTES), and one array makes averaging and summing a single loop.
 * Exactly one of {@code floats} and {@code doubles} is non-null. A packed vector (see
 * {@link #packed}) holds one array only in runs (a gradient's used columns of U), so it carries
 * a fraction of the bytes; it reads as the dense vector with zeros elsewhere.
 */
public final class ParameterVector implements Serializable {
    private static final long serialVersionUID = 1L;

    final String[] names;
    final long[][] shapes;
    final char[] orders;
    final float[] floats;
    final double[] doubles;
    /** For a packed vector: the packed array's index in {@code names}, its run width and run indices; else -1 and null. */
    private final int packedArray;
    private final int runWidth;
    private final int[] runs;

    ParameterVector(String[] names, long[][] shapes, char[] orders, float[] floats, double[] doubles) {
        this(names, shapes, orders, floats, doubles, -1, 0, null);
    }

    private ParameterVector(String[] names, long[][] shapes, char[] orders, float[] floats, double[] doubles,
                            int packedArray, int runWidth, int[] runs) {
        this.names = names;
        this.shapes = shapes;
        this.orders = orders;
        this.floats = floats;
        this.doubles = doubles;
        this.packedArray = packedArray;
        this.runWidth = runWidth;
        this.runs = runs;
    }

    /**
     * {@code p} with array {@code array} kept only in the runs {@code [i * width, (i + 1) * width)} of
     * {@code indices} (distinct, sorted; storage order): the caller knows it is zero elsewhere.
     */
    public static ParameterVector packed(Parameters p, String array, int width, int[] indices) {
        int n = p.names().size();
        String[] names = p.names().toArray(new String[0]);
        long[][] shapes = new long[n][];
        char[] orders = new char[n];
        int packed = java.util.List.of(names).indexOf(array);
        if (packed < 0) throw new IllegalArgumentException("no array " + array);
        long total = p.size() - p.get(array).length() + (long) indices.length * width;
        boolean single = p.dtype() == Dtype.FLOAT;
        float[] f = single ? new float[Math.toIntExact(total)] : null;
        double[] d = single ? null : new double[Math.toIntExact(total)];
        int at = 0;
        for (int i = 0; i < n; i++) {
            INDArray a = p.get(names[i]);
            shapes[i] = a.shape();
            orders[i] = a.ordering();
            if (i == packed) {
                for (int index : indices) at = copy(a, (long) index * width, width, f, d, at);
            } else {
                at = copy(a, 0, Math.toIntExact(a.length()), f, d, at);
            }
        }
        return new ParameterVector(names, shapes, orders, f, d, packed, width, indices.clone());
    }

    /** One bulk copy of {@code length} elements from the array's storage into {@code f} or {@code d} at {@code at}. */
    private static int copy(INDArray a, long from, int length, float[] f, double[] d, int at) {
        int base = Math.toIntExact(a.offset() + from);
        if (f != null) NioViews.floats(a.data()).get(base, f, at, length);
        else NioViews.doubles(a.data()).get(base, d, at, length);
        return at + length;
    }

    /** The dense form: the same vector with the packed array's zeros written out. */
    ParameterVector dense() {
        if (runs == null) return this;
        int n = length();
        float[] f = floats != null ? new float[n] : null;
        double[] d = doubles != null ? new double[n] : null;
        forEachPlace((from, to, count) -> {
            if (f != null) System.arraycopy(floats, from, f, to, count);
            else System.arraycopy(doubles, from, d, to, count);
        });
        return new ParameterVector(names, shapes, orders, f, d);
    }

    private interface Place {
        void at(int packedFrom, int denseFrom, int count);
    }

    /** Where each stretch of a packed vector's values belongs in the dense vector. */
    private void forEachPlace(Place place) {
        int at = 0;
        int dense = 0;
        for (int i = 0; i < names.length; i++) {
            int len = Math.toIntExact(Arrays.stream(shapes[i]).reduce(1, (x, y) -> x * y));
            if (i == packedArray) {
                for (int index : runs) {
                    place.at(at, dense + index * runWidth, runWidth);
                    at += runWidth;
                }
            } else {
                place.at(at, dense, len);
                at += len;
            }
            dense += len;
        }
    }

    static ParameterVector of(Parameters p) {
        int n = p.names().size();
        String[] names = p.names().toArray(new String[0]);
        long[][] shapes = new long[n][];
        char[] orders = new char[n];
        int total = Math.toIntExact(p.size());
        boolean single = p.dtype() == Dtype.FLOAT;
        float[] f = single ? new float[total] : null;
        double[] d = single ? null : new double[total];
        int at = 0;
        for (int i = 0; i < n; i++) {
            INDArray a = p.get(names[i]);
            shapes[i] = a.shape();
            orders[i] = a.ordering();
            at = copy(a, 0, Math.toIntExact(a.length()), f, d, at);
        }
        return new ParameterVector(names, shapes, orders, f, d);
    }

    public Dtype dtype() {
        return floats != null ? Dtype.FLOAT : Dtype.DOUBLE;
    }

    /** Elements of the dense vector. */
    public int length() {
        if (runs != null) {
            long n = 0;
            for (long[] shape : shapes) n += Arrays.stream(shape).reduce(1, (x, y) -> x * y);
            return Math.toIntExact(n);
        }
        return floats != null ? floats.length : doubles.length;
    }

    /** One value as a double, in the flat order. */
    public double value(int index) {
        if (runs != null) return dense().value(index);
        return floats != null ? floats[index] : doubles[index];
    }

    /** Back to off-heap arrays, in the original shapes and orders. */
    public Parameters toParameters() {
        if (runs != null) return dense().toParameters();
        LinkedHashMap<String, INDArray> arrays = new LinkedHashMap<>();
        int at = 0;
        for (int i = 0; i < names.length; i++) {
            int len = Math.toIntExact(Arrays.stream(shapes[i]).reduce(1, (x, y) -> x * y));
            // Uninitialised then one bulk copy: Nd4j.create(float[]) copies element by element.
            INDArray a = Nd4j.createUninitialized(floats != null ? DataType.FLOAT : DataType.DOUBLE, shapes[i], orders[i]);
            if (floats != null) a.data().asNioFloat().put(floats, at, len);
            else a.data().asNioDouble().put(doubles, at, len);
            arrays.put(names[i], a);
            at += len;
        }
        return new Parameters(dtype(), arrays);
    }

    /** Fresh off-heap arrays of this vector's layout, values unset: for {@link RawParameters#decode}. */
    public Parameters allocate() {
        LinkedHashMap<String, INDArray> arrays = new LinkedHashMap<>();
        DataType type = floats != null ? DataType.FLOAT : DataType.DOUBLE;
        for (int i = 0; i < names.length; i++) arrays.put(names[i], Nd4j.createUninitialized(type, shapes[i], orders[i]));
        return new Parameters(dtype(), arrays);
    }

    /** Names, shapes, orders and dtype without the values: cheap to carry in an aggregator. */
    public ParameterVector layout() {
        return new ParameterVector(names, shapes, orders, floats != null ? new float[0] : null,
                doubles != null ? new double[0] : null);
    }

    /** sum[i] += weight * this[i], in double. */
    public void addWeightedTo(double[] sum, double weight) {
        if (runs != null) {
            addPackedTo(sum, weight);
            return;
        }
        if (floats != null) {
            for (int i = 0; i < floats.length; i++) sum[i] += weight * floats[i];
        } else {
            for (int i = 0; i < doubles.length; i++) sum[i] += weight * doubles[i];
        }
    }

    private void addPackedTo(double[] sum, double weight) {
        if (floats != null) {
            forEachPlace((from, to, count) -> {
                for (int k = 0; k < count; k++) sum[to + k] += weight * floats[from + k];
            });
        } else {
            forEachPlace((from, to, count) -> {
                for (int k = 0; k < count; k++) sum[to + k] += weight * doubles[from + k];
            });
        }
    }

    /**
     * {@code target += this}, array by array in the target's dtype, touching only a packed vector's
     * runs: a driver adds the partitions' gradients into one reused buffer this way.
     */
    public void addTo(Parameters target) {
        int at = 0;
        for (int i = 0; i < names.length; i++) {
            INDArray a = target.get(names[i]);
            if (i == packedArray) {
                for (int index : runs) at = add(a, (long) index * runWidth, at, runWidth);
            } else {
                at = add(a, 0, at, Math.toIntExact(a.length()));
            }
        }
    }

    private int add(INDArray a, long from, int at, int count) {
        long base = a.offset() + from;
        if (floats != null) Staged.add(a, base, floats, at, count);
        else Staged.add(a, base, doubles, at, count);
        return at + count;
    }

    /** A vector with this layout and values {@code values[i] / divisor}, rounded to this dtype. */
    public ParameterVector withValues(double[] values, double divisor) {
        if (floats != null) {
            float[] f = new float[values.length];
            // x / 1 is x exactly; without the division the loop vectorizes (the driver's update per round).
            if (divisor == 1.0) {
                for (int i = 0; i < f.length; i++) f[i] = (float) values[i];
            } else {
                for (int i = 0; i < f.length; i++) f[i] = (float) (values[i] / divisor);
            }
            return new ParameterVector(names, shapes, orders, f, null);
        }
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) d[i] = values[i] / divisor;
        return new ParameterVector(names, shapes, orders, null, d);
    }

    /** Bit-for-bit equality of layout and values. */
    public boolean sameAs(ParameterVector other) {
        if (runs != null || other.runs != null) return dense().sameAs(other.dense());
        return Arrays.equals(names, other.names) && Arrays.deepEquals(shapes, other.shapes)
                && Arrays.equals(orders, other.orders) && Arrays.equals(floats, other.floats)
                && Arrays.equals(doubles, other.doubles);
    }
}
