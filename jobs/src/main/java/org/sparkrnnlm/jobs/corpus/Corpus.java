package org.sparkrnnlm.jobs.corpus;

import org.apache.spark.api.java.JavaRDD;
import org.sparkrnnlm.core.text.Vocabulary;

/** Encoded sentences (SENTENCE_START .. SENTENCE_END ids) in input order, and the vocabulary they use. */
public record Corpus(JavaRDD<int[]> sentences, Vocabulary vocabulary) {
}
