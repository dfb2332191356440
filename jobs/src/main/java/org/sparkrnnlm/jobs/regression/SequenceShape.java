package org.sparkrnnlm.jobs.regression;

/**
 * The sizes every sequence of a dataset shares: input size I, output size K and where the outputs
 * are. As an expectation, 0 (sizes) or null (form) means "take it from the data".
 */
public record SequenceShape(int inputSize, int outputSize, TargetForm form) {
    /** No expectation: everything comes from the data's first good row. */
    public static final SequenceShape ANY = new SequenceShape(0, 0, null);

    public SequenceShape {
        if (inputSize < 0 || outputSize < 0) {
            throw new IllegalArgumentException("sizes cannot be negative: input " + inputSize + ", output " + outputSize);
        }
    }

    public boolean isComplete() {
        return inputSize > 0 && outputSize > 0 && form != null;
    }

    /** This expectation with its open parts taken from {@code row}. */
    public SequenceShape orElse(SequenceShape row) {
        return new SequenceShape(inputSize > 0 ? inputSize : row.inputSize, outputSize > 0 ? outputSize : row.outputSize,
                form != null ? form : row.form);
    }

    /** Why a row of shape {@code row} does not fit this expectation, or null when it does. */
    public SequenceRejectReason mismatch(SequenceShape row) {
        if (inputSize > 0 && row.inputSize != inputSize) return SequenceRejectReason.INPUT_SIZE;
        if (row.outputSize == 0 && row.form == null) return null; // no target: only inputs to check
        if (form != null && row.form != form) return SequenceRejectReason.TARGET_FORM;
        if (outputSize > 0 && row.outputSize != outputSize) return SequenceRejectReason.TARGET_SIZE;
        return null;
    }

    /** "2,1,LAST_STEP" ("0,0," for ANY): how an expectation travels in a Hadoop configuration. */
    String encode() {
        return inputSize + "," + outputSize + "," + (form == null ? "" : form.name());
    }

    static SequenceShape decode(String s) {
        String[] parts = s.split(",", -1);
        return new SequenceShape(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]),
                parts[2].isEmpty() ? null : TargetForm.valueOf(parts[2]));
    }

    @Override
    public String toString() {
        String in = inputSize > 0 ? String.valueOf(inputSize) : "any";
        String out = outputSize > 0 ? String.valueOf(outputSize) : "any";
        String where = form == null ? "" : form == TargetForm.EVERY_STEP ? " at every step" : " after the last step";
        return "input size " + in + ", output size " + out + where;
    }
}
