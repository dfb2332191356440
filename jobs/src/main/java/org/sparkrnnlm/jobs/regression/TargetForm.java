package org.sparkrnnlm.jobs.regression;

/**
 * Where a sequence's outputs are: one output of K numbers after the last step ({@code "target": y}
 * or {@code [y...]}), or one at every step ({@code "target": [[y_0...], [y_1...], ...]}, flattened
 * row-major into {@link org.sparkrnnlm.core.regression.Sequence#target()}, T x K).
 */
public enum TargetForm {
    LAST_STEP, EVERY_STEP
}
