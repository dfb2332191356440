package org.sparkrnnlm.jobs.report;

/** One evaluation of the training loss: a line of metrics.jsonl. */
public record MetricsRecord(int epoch, long examplesSeen, double loss, double learningRate,
                            double tokensPerSecond, double elapsedSeconds) {}
