package org.sparkrnnlm.jobs.regression;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Arrays;

/**
 * Streams one JSON value that should be a number, an array of numbers or an array of arrays of
 * numbers (rows) into a flat buffer, noting the first problem. A problem never stops the read: the
 * whole value is consumed so the line's syntax is still checked (malformed JSON outranks the rest).
 * Reused from line to line: one per parser.
 */
final class NumberGrid {
    /** 0: a bare number; 1: an array of numbers; 2: an array of rows; -1: an empty array. */
    private int depth;
    private int rows;
    private int rowLength;
    private int size;
    private double[] values = new double[64];
    private SequenceRejectReason problem;

    /**
     * Reads the value at the parser's current token. scalarOrVector: a bare number and an array of
     * numbers are allowed too (a target), not only rows (inputs).
     */
    void read(JsonParser p, boolean scalarOrVector) throws IOException {
        depth = -1;
        rows = 0;
        rowLength = 0;
        size = 0;
        problem = null;
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_ARRAY) {
            readArray(p, scalarOrVector);
        } else if (scalarOrVector && t.isNumeric()) {
            depth = 0;
            add(p);
        } else {
            fail(scalarOrVector ? SequenceRejectReason.NOT_A_NUMBER : SequenceRejectReason.NOT_AN_ARRAY);
            p.skipChildren();
        }
    }

    private void readArray(JsonParser p, boolean vectorAllowed) throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            // The first element decides: rows, or (where allowed) numbers.
            if (depth == -1) depth = t == JsonToken.START_ARRAY || !vectorAllowed ? 2 : 1;
            if (depth == 2 && t != JsonToken.START_ARRAY) {
                fail(SequenceRejectReason.NOT_AN_ARRAY);
                p.skipChildren();
            } else if (depth == 2) {
                readRow(p);
            } else {
                number(p, t);
            }
        }
    }

    private void readRow(JsonParser p) throws IOException {
        int before = size;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) number(p, t);
        int length = size - before;
        if (rows == 0) rowLength = length;
        else if (length != rowLength) fail(SequenceRejectReason.RAGGED_STEPS);
        rows++;
    }

    private void number(JsonParser p, JsonToken t) throws IOException {
        if (t.isNumeric()) {
            add(p);
        } else {
            fail(SequenceRejectReason.NOT_A_NUMBER);
            p.skipChildren();
        }
    }

    private void add(JsonParser p) throws IOException {
        // NaN and infinities come as numbers (ALLOW_NON_NUMERIC_NUMBERS); 1e400 parses to infinity.
        double v = p.getDoubleValue();
        if (!Double.isFinite(v)) fail(SequenceRejectReason.NOT_FINITE);
        if (size == values.length) values = Arrays.copyOf(values, 2 * size);
        values[size++] = v;
    }

    private void fail(SequenceRejectReason reason) {
        if (problem == null) problem = reason;
    }

    /** The first problem met, or null. */
    SequenceRejectReason problem() {
        return problem;
    }

    /** True for rows (an array of arrays). */
    boolean isRows() {
        return depth == 2;
    }

    /** No number at all: [], [[]], [[], []]. */
    boolean isEmpty() {
        return size == 0;
    }

    /** Rows read (1 for a bare number or a flat array). */
    int rows() {
        return depth == 2 ? rows : 1;
    }

    /** Numbers per row (all of them for a bare number or a flat array). */
    int rowLength() {
        return depth == 2 ? rowLength : size;
    }

    /** A copy of the numbers read, row-major. */
    double[] values() {
        return Arrays.copyOf(values, size);
    }
}
