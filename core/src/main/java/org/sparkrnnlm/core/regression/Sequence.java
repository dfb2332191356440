package org.sparkrnnlm.core.regression;

import java.io.Serializable;
import java.util.Arrays;

/**
 * One regression example: T input vectors of I numbers and its target, either K numbers for the
 * output after the last step or T x K for an output at every step. Row-major flat arrays, so a
 * partition's examples are a few large arrays and not millions of small ones. A plain class, not
 * a record: it travels through Kryo. A sequence to predict may have no target (an empty array).
 */
public final class Sequence implements Serializable {
    private static final long serialVersionUID = 1L;
    private final int steps;
    private final int inputSize;
    private final double[] inputs;
    private final double[] target;

    public Sequence(int steps, int inputSize, double[] inputs, double[] target) {
        if (steps < 1) throw new IllegalArgumentException("a sequence needs at least one step, got " + steps);
        if (inputs.length != steps * inputSize) {
            throw new IllegalArgumentException(inputs.length + " input values do not make " + steps + " steps of " + inputSize);
        }
        this.steps = steps;
        this.inputSize = inputSize;
        this.inputs = inputs;
        this.target = target;
    }

    /** From rows: {@code inputs[t]} is u_t. */
    public static Sequence of(double[][] inputs, double[] target) {
        int size = inputs.length == 0 ? 0 : inputs[0].length;
        double[] flat = new double[inputs.length * size];
        for (int t = 0; t < inputs.length; t++) {
            if (inputs[t].length != size) throw new IllegalArgumentException("step " + t + " has " + inputs[t].length + " inputs, step 0 has " + size);
            System.arraycopy(inputs[t], 0, flat, t * size, size);
        }
        return new Sequence(inputs.length, size, flat, target);
    }

    public int steps() {
        return steps;
    }

    public int inputSize() {
        return inputSize;
    }

    /** u_t at offset t * inputSize. */
    public double[] inputs() {
        return inputs;
    }

    public double input(int step, int i) {
        return inputs[step * inputSize + i];
    }

    public double[] target() {
        return target;
    }

    public boolean hasTarget() {
        return target.length > 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sequence s && steps == s.steps && inputSize == s.inputSize
                && Arrays.equals(inputs, s.inputs) && Arrays.equals(target, s.target);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(inputs) + Arrays.hashCode(target);
    }
}
