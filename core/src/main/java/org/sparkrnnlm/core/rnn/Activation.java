package org.sparkrnnlm.core.rnn;

/** The hidden layer's nonlinearity g, with its derivative written in terms of the output s = g(z). */
public enum Activation {
    TANH {
        @Override public double apply(double z) { return Math.tanh(z); }
        @Override public double derivativeAtOutput(double s) { return 1.0 - s * s; }
    },
    SIGMOID {
        @Override public double apply(double z) { return 1.0 / (1.0 + Math.exp(-z)); }
        @Override public double derivativeAtOutput(double s) { return s * (1.0 - s); }
    };

    public abstract double apply(double z);

    /** dg/dz expressed through s = g(z), as the tutorial's gates compute it. */
    public abstract double derivativeAtOutput(double s);
}
