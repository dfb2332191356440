package org.sparkrnnlm.jobs.regression;

import java.util.Objects;
import org.sparkrnnlm.core.regression.Sequence;
import org.sparkrnnlm.jobs.hadoop.BadRecords;

/**
 * One line of a sequence file as read: a Sequence and its target form, or a rejection with its
 * reason, the start of the line and where it came from. Lives only inside the reading tasks.
 */
final class SequenceRecord implements BadRecords.Rejectable {
    private final Sequence sequence;
    private final TargetForm form;
    private final SequenceRejectReason reason;
    private final String rawStart;
    private final String source;

    private SequenceRecord(Sequence sequence, TargetForm form, SequenceRejectReason reason, String rawStart, String source) {
        this.sequence = sequence;
        this.form = form;
        this.reason = reason;
        this.rawStart = rawStart;
        this.source = source;
    }

    /** form: where the target's outputs are; null for a row without target (read for prediction). */
    static SequenceRecord good(Sequence sequence, TargetForm form) {
        if (sequence.hasTarget()) Objects.requireNonNull(form);
        return new SequenceRecord(Objects.requireNonNull(sequence), form, null, null, null);
    }

    static SequenceRecord rejected(SequenceRejectReason reason, String rawStart, String source) {
        return new SequenceRecord(null, null, Objects.requireNonNull(reason), rawStart, source);
    }

    boolean isRejected() {
        return reason != null;
    }

    Sequence sequence() {
        return sequence;
    }

    /** The sizes of a good row. */
    SequenceShape shape() {
        if (!sequence.hasTarget()) return new SequenceShape(sequence.inputSize(), 0, null);
        int outputs = sequence.target().length / (form == TargetForm.EVERY_STEP ? sequence.steps() : 1);
        return new SequenceShape(sequence.inputSize(), outputs, form);
    }

    @Override
    public SequenceRejectReason reason() {
        return reason;
    }

    @Override
    public String rawStart() {
        return rawStart;
    }

    @Override
    public String source() {
        return source;
    }
}
