package org.sparkrnnlm.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sparkrnnlm.core.text.VocabularyRanking.WordCount;

class VocabularyRankingTest {
    private static final String START = Vocabulary.SENTENCE_START;
    private static final String END = Vocabulary.SENTENCE_END;
    private static final String UNKNOWN = Vocabulary.UNKNOWN_TOKEN;

    /** Counts the sentences in {@code pieces} maps (sentence i goes to piece i % pieces), then merges them. */
    private static List<WordCount> countInPieces(List<List<String>> sentences, int pieces) {
        List<Map<String, WordCount>> maps = new ArrayList<>();
        for (int p = 0; p < pieces; p++) maps.add(new HashMap<>());
        for (int i = sentences.size() - 1; i >= 0; i--) VocabularyRanking.count(maps.get(i % pieces), i, sentences.get(i));
        Map<String, WordCount> merged = new HashMap<>();
        for (Map<String, WordCount> m : maps) for (WordCount c : m.values()) merged.merge(c.word(), c, WordCount::merge);
        return new ArrayList<>(merged.values());
    }

    private static Vocabulary ranked(List<List<String>> sentences, int pieces, int size, boolean onlyCandidates) {
        List<WordCount> counts = countInPieces(sentences, pieces);
        long tokens = counts.stream().mapToLong(WordCount::count).sum();
        counts.sort(VocabularyRanking.BY_RANK);
        List<WordCount> best = onlyCandidates ? counts.subList(0, Math.min(counts.size(), VocabularyRanking.candidates(size))) : counts;
        return VocabularyRanking.vocabulary(best, size, tokens);
    }

    private static void assertSame(Vocabulary expected, Vocabulary actual) {
        assertEquals(expected.words(), actual.words());
        for (int id = 0; id < expected.size(); id++) assertEquals(expected.count(id), actual.count(id), expected.word(id));
    }

    private static List<List<String>> sentences(String... lines) {
        List<List<String>> out = new ArrayList<>();
        for (String line : lines) out.add(TextSentences.tokens(line));
        return out;
    }

    @Test
    void equalsTheRankingOfTheWholeTextCountedInOrder() {
        Random r = new Random(3);
        for (int corpus = 0; corpus < 20; corpus++) {
            List<List<String>> sentences = new ArrayList<>();
            for (int i = 0; i < 30 + r.nextInt(50); i++) {
                List<String> t = new ArrayList<>();
                for (int k = 0, n = 2 + r.nextInt(corpus % 2 == 0 ? 14 : 4); k < n; k++) t.add("w" + (int) (Math.pow(r.nextDouble(), 2) * 30));
                if (corpus % 5 == 4 && i % 7 == 0) t.add(UNKNOWN);
                sentences.add(t);
            }
            for (int size : new int[] {4, 5, 9, 20, 50}) {
                Vocabulary expected = Vocabulary.fromCounts(TextSentences.count(sentences), size);
                for (int pieces : new int[] {1, 3}) {
                    assertSame(expected, ranked(sentences, pieces, size, false));
                    assertSame(expected, ranked(sentences, pieces, size, true));
                }
            }
        }
    }

    @Test
    void tiesWithinASentenceGoByPlaceInTheSentence() {
        List<List<String>> sentences = sentences("d c b a", "h g f e");
        Vocabulary v = ranked(sentences, 2, 6, true);
        assertEquals(List.of(START, END, "d", "c", "b", UNKNOWN), v.words());
        assertEquals(5, v.count(v.unknownId()));
    }

    @Test
    void theMarkersKeepTheirCountsWhenWordsOutnumberSentences() {
        List<List<String>> sentences = sentences("a b c d e a b c d e a", "a b c d e a b c d e");
        Vocabulary v = ranked(sentences, 2, 5, true);
        assertEquals(List.of("a", "b", START, END, UNKNOWN), v.words());
        assertEquals(List.of(5L, 4L, 2L, 2L, 12L), List.of(v.count(0), v.count(1), v.count(2), v.count(3), v.count(4)));
    }
}
