package org.sparkrnnlm.core.tensor;

import org.nd4j.linalg.api.buffer.DataType;

/** The floating-point type a model is stored and computed in. */
public enum Dtype {
    FLOAT(DataType.FLOAT, "float32"),
    DOUBLE(DataType.DOUBLE, "float64");

    private final DataType nd4j;
    private final String numpyName;

    Dtype(DataType nd4j, String numpyName) {
        this.nd4j = nd4j;
        this.numpyName = numpyName;
    }

    public DataType nd4j() {
        return nd4j;
    }

    /** Bytes a value takes. */
    public int bytes() {
        return this == FLOAT ? 4 : 8;
    }

    /** The name numpy gives the type, as written in model.json. */
    public String numpyName() {
        return numpyName;
    }

    /** Accepts the command-line spellings (float, double) and numpy's (float32, float64). */
    public static Dtype parse(String text) {
        switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "float": case "float32": return FLOAT;
            case "double": case "float64": return DOUBLE;
            default: throw new IllegalArgumentException("unknown dtype '" + text + "': expected float or double");
        }
    }

    public static Dtype of(DataType type) {
        if (type == DataType.FLOAT) return FLOAT;
        if (type == DataType.DOUBLE) return DOUBLE;
        throw new IllegalArgumentException("unsupported data type " + type + ": expected float32 or float64");
    }
}
