package org.sparkrnnlm.jobs.regression;

import java.util.Locale;
import org.sparkrnnlm.jobs.hadoop.BadRecords;

/** Why a line of a sequence file did not become a Sequence. Every reason counts as bad input. */
public enum SequenceRejectReason implements BadRecords.Reason {
    MALFORMED_JSON,
    INVALID_UTF8,
    TOO_LONG,
    MISSING_INPUTS,
    MISSING_TARGET,
    /** No steps, or steps of no numbers. */
    EMPTY_INPUTS,
    EMPTY_TARGET,
    /** Something other than an array where one belongs: inputs itself, a step, or a row of an every-step target after a first row. */
    NOT_AN_ARRAY,
    /** A string, null, boolean, object, or an array nested deeper than a number belongs. */
    NOT_A_NUMBER,
    /** NaN or an infinity, written as such or as a number too big for a double. */
    NOT_FINITE,
    /** Steps (or every-step target rows) of different lengths within one row. */
    RAGGED_STEPS,
    /** An every-step target whose row count is not the number of steps. */
    TARGET_STEPS,
    /** The row's input size is not the dataset's (its first good row's) or the one asked for. */
    INPUT_SIZE,
    /** One output after the last step where the dataset has one at every step, or the other way round. */
    TARGET_FORM,
    /** The row's output size is not the dataset's (its first good row's) or the one asked for. */
    TARGET_SIZE;

    /** Lower snake case ("ragged_steps"): the reason's name in counts and --bad-records. */
    @Override
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
