package org.sparkrnnlm.jobs.report;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One evaluation: a line of metrics.jsonl. {@code loss} is the evaluated loss (on held-out data
 * when there is some); {@code trainingLoss} the training examples' mean loss during the epoch
 * before it, each taken just before the example trained (absent before the first epoch).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MetricsRecord(int epoch, long examplesSeen, double loss, Double trainingLoss, double learningRate,
                            double targetsPerSecond, double elapsedSeconds) {}
