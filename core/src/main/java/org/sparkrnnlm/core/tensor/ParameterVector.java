package org.sparkrnnlm.core.tensor;

import java.io.Serializable;
import java.util.Arrays;
import java.util.LinkedHashMap;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * All parameters of a model in one flat primitive array plus their layout. INDArrays do not
 * survive Kryo (STACK-NOTES), and one array makes averaging and summing a single loop.
 * Exactly one of {@code floats} and {@code doubles} is non-null.
 */
public final class ParameterVector implements Serializable {
    private static final long serialVersionUID = 1L;

    final String[] names;
    final long[][] shapes;
    final char[] orders;
    final float[] floats;
    final double[] doubles;

    ParameterVector(String[] names, long[][] shapes, char[] orders, float[] floats, double[] doubles) {
        this.names = names;
        this.shapes = shapes;
        this.orders = orders;
        this.floats = floats;
        this.doubles = doubles;
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
            int len = Math.toIntExact(a.length());
            if (single) System.arraycopy(a.data().asFloat(), 0, f, at, len);
            else System.arraycopy(a.data().asDouble(), 0, d, at, len);
            at += len;
        }
        return new ParameterVector(names, shapes, orders, f, d);
    }

    public Dtype dtype() {
        return floats != null ? Dtype.FLOAT : Dtype.DOUBLE;
    }

    public int length() {
        return floats != null ? floats.length : doubles.length;
    }

    /** One value as a double, in the flat order. */
    public double value(int index) {
        return floats != null ? floats[index] : doubles[index];
    }

    /** Back to off-heap arrays, in the original shapes and orders. */
    public Parameters toParameters() {
        LinkedHashMap<String, INDArray> arrays = new LinkedHashMap<>();
        int at = 0;
        for (int i = 0; i < names.length; i++) {
            int len = Math.toIntExact(Arrays.stream(shapes[i]).reduce(1, (x, y) -> x * y));
            INDArray a = floats != null
                    ? Nd4j.create(Arrays.copyOfRange(floats, at, at + len), shapes[i], orders[i])
                    : Nd4j.create(Arrays.copyOfRange(doubles, at, at + len), shapes[i], orders[i]);
            arrays.put(names[i], a);
            at += len;
        }
        return new Parameters(dtype(), arrays);
    }

    /** Names, shapes, orders and dtype without the values: cheap to carry in an aggregator. */
    public ParameterVector layout() {
        return new ParameterVector(names, shapes, orders, floats != null ? new float[0] : null,
                doubles != null ? new double[0] : null);
    }

    /** sum[i] += weight * this[i], in double. */
    public void addWeightedTo(double[] sum, double weight) {
        if (floats != null) {
            for (int i = 0; i < floats.length; i++) sum[i] += weight * floats[i];
        } else {
            for (int i = 0; i < doubles.length; i++) sum[i] += weight * doubles[i];
        }
    }

    /** A vector with this layout and values {@code values[i] / divisor}, rounded to this dtype. */
    public ParameterVector withValues(double[] values, double divisor) {
        if (floats != null) {
            float[] f = new float[values.length];
            for (int i = 0; i < f.length; i++) f[i] = (float) (values[i] / divisor);
            return new ParameterVector(names, shapes, orders, f, null);
        }
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) d[i] = values[i] / divisor;
        return new ParameterVector(names, shapes, orders, null, d);
    }

    /** Bit-for-bit equality of layout and values. */
    public boolean sameAs(ParameterVector other) {
        return Arrays.equals(names, other.names) && Arrays.deepEquals(shapes, other.shapes)
                && Arrays.equals(orders, other.orders) && Arrays.equals(floats, other.floats)
                && Arrays.equals(doubles, other.doubles);
    }
}
