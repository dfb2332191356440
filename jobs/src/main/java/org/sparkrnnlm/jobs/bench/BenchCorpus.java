package org.sparkrnnlm.jobs.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The benchmark's sentences: the {@code body} column of a comment CSV, split at sentence-final
 * punctuation and into lowercased word and punctuation tokens. A light tokenizer, so the figures
 * measure the engine on realistic sentence lengths and word frequencies.
 */
final class BenchCorpus {
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+");
    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}]+(?:'[\\p{L}]+)?|'[\\p{L}]+|[^\\s\\p{L}\\p{N}]");

    private BenchCorpus() {
    }

    static List<List<String>> sentences(SparkSession spark, String csv) {
        List<Row> rows = spark.read().option("header", "true").option("multiLine", "true").option("escape", "\"")
                .csv(csv).select("body").collectAsList();
        List<List<String>> out = new ArrayList<>();
        for (Row row : rows) {
            if (row.isNullAt(0)) continue;
            for (String sentence : SENTENCE_END.split(row.getString(0))) {
                List<String> tokens = new ArrayList<>();
                Matcher m = TOKEN.matcher(sentence.toLowerCase(Locale.ROOT));
                while (m.find()) tokens.add(m.group());
                if (tokens.size() + 2 >= 4) out.add(tokens);
            }
        }
        return out;
    }
}
