package org.sparkrnnlm.jobs.report;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One evaluation: a line of metrics.jsonl. {@code loss} is the evaluated loss (on held-out data
 * when there is some), the mean over examples of their loss per target (what anneals);
 * {@code perTargetLoss} the same data's loss per target over all targets (the language model's
 * perplexity is its exp); {@code trainingLoss} the training examples' loss per target during the
 * epochs since the previous evaluation, each taken just before the example trained (absent on the
 * first line).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MetricsRecord(int epoch, long examplesSeen, double loss, double perTargetLoss, Double trainingLoss, double learningRate,
                            double targetsPerSecond, double elapsedSeconds) {}
