package org.sparkrnnlm.core.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Plain-text training data: one pre-tokenized sentence per line, tokens separated by spaces. */
public final class TextSentences {
    private TextSentences() {
    }

    /** The tokens of one line; an empty list for a blank line. */
    public static List<String> tokens(String line) {
        List<String> tokens = new ArrayList<>();
        for (String t : line.trim().split(" +")) {
            if (!t.isEmpty()) tokens.add(t);
        }
        return tokens;
    }

    /** Word counts in order of first occurrence, with the sentence markers counted once per sentence. */
    public static LinkedHashMap<String, Long> count(Iterable<List<String>> sentences) {
        LinkedHashMap<String, Long> counts = new LinkedHashMap<>();
        for (List<String> sentence : sentences) addCounts(counts, sentence);
        return counts;
    }

    public static void addCounts(Map<String, Long> counts, List<String> sentence) {
        counts.merge(Vocabulary.SENTENCE_START, 1L, Long::sum);
        for (String t : sentence) counts.merge(t, 1L, Long::sum);
        counts.merge(Vocabulary.SENTENCE_END, 1L, Long::sum);
    }
}
