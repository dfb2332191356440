package org.sparkrnnlm.core.regression;

import java.io.Serializable;

/**
 * The figures of evaluate-regression, with {@code add} per prediction and {@code merge} across
 * partitions: the mean squared error over all target values, and R^2 = 1 - SSE / SST, where SST
 * sums each output component's squared deviations from its own mean. The target means and
 * deviations are kept as Chan's running mean and M2, which merge without cancellation.
 */
public final class RegressionTotals implements Serializable {
    private static final long serialVersionUID = 1L;
    private long sequences;
    private long[] count = new long[0];
    private double[] mean = new double[0];
    private double[] m2 = new double[0];
    private double squaredError;
    private long values;

    /** One sequence's predictions and targets, K values per output step, row-major. */
    public RegressionTotals add(double[] predicted, double[] target, int outputs) {
        grow(outputs);
        sequences++;
        for (int i = 0; i < target.length; i++) {
            int k = i % outputs;
            double e = predicted[i] - target[i];
            squaredError += e * e;
            values++;
            count[k]++;
            double d = target[i] - mean[k];
            mean[k] += d / count[k];
            m2[k] += d * (target[i] - mean[k]);
        }
        return this;
    }

    public RegressionTotals merge(RegressionTotals other) {
        grow(other.count.length);
        for (int k = 0; k < other.count.length; k++) {
            long n = count[k] + other.count[k];
            if (n == 0) continue;
            double d = other.mean[k] - mean[k];
            m2[k] += other.m2[k] + d * d * count[k] * other.count[k] / n;
            mean[k] += d * other.count[k] / n;
            count[k] = n;
        }
        sequences += other.sequences;
        squaredError += other.squaredError;
        values += other.values;
        return this;
    }

    private void grow(int outputs) {
        if (count.length >= outputs) return;
        count = java.util.Arrays.copyOf(count, outputs);
        mean = java.util.Arrays.copyOf(mean, outputs);
        m2 = java.util.Arrays.copyOf(m2, outputs);
    }

    public long sequences() {
        return sequences;
    }

    public long values() {
        return values;
    }

    public double mse() {
        return values == 0 ? Double.NaN : squaredError / values;
    }

    /** The targets' variance (population, pooled over the output components around their own means). */
    public double targetVariance() {
        return values == 0 ? Double.NaN : totalDeviation() / values;
    }

    public double r2() {
        double sst = totalDeviation();
        return sst == 0 ? Double.NaN : 1 - squaredError / sst;
    }

    private double totalDeviation() {
        double sum = 0;
        for (double v : m2) sum += v;
        return sum;
    }
}
