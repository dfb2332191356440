package org.sparkrnnlm.jobs.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.sparkrnnlm.core.text.Vocabulary;
import org.sparkrnnlm.core.text.VocabularyRanking;

/**
 * Blocks filed through a word table: a table that earlier tasks filled (as {@link TaskTokenizer} keeps them)
 * gives the same blocks as a fresh one, and their encoding is {@link Vocabulary#encode}.
 */
class SentenceBlockTest {
    private static final List<List<String>> SENTENCES = List.of(
            List.of("the", "cat", "sat", "."), List.of("a", "dog", "."), List.of("the", "dog", "and", "the", "cat"),
            List.of("SENTENCE_END", "is", "a", "word", "here"));

    private static SentenceBlock fromStrings() {
        SentenceBlock.Builder b = new SentenceBlock.Builder(3, 10, 100, 1000);
        for (List<String> s : SENTENCES) b.add(s);
        return b.take();
    }

    @Test
    void aTableFilledByEarlierTasksGivesTheBlockOfAFreshOne() {
        WordTable used = new WordTable();
        for (String w : List.of("zebra", "cat", "SENTENCE_START", "yak", "the")) used.id(w);
        SentenceBlock.Builder b = new SentenceBlock.Builder(3, 10, 100, 1000, used);
        for (List<String> s : SENTENCES) {
            int[] ids = s.stream().mapToInt(used::id).toArray();
            b.add(ids, ids.length);
        }
        SentenceBlock fromIds = b.take();
        SentenceBlock expected = fromStrings();
        assertEquals(expected.size(), fromIds.size());
        for (int s = 0; s < expected.size(); s++) {
            assertEquals(expected.text(s), fromIds.text(s));
            assertEquals(expected.position(s), fromIds.position(s));
        }
        assertEquals(counts(expected), counts(fromIds));
    }

    private static Map<String, String> counts(SentenceBlock block) {
        Map<String, VocabularyRanking.WordCount> counts = new java.util.HashMap<>();
        block.countInto(counts);
        Map<String, String> out = new TreeMap<>();
        counts.forEach((w, c) -> out.put(w, c.count() + "@" + c.sentence() + ":" + c.offset()));
        return out;
    }

    @Test
    void encodeIsTheVocabularysEncoding() {
        Vocabulary vocabulary = Vocabulary.ofWords(List.of("cat", Vocabulary.SENTENCE_END, "the", Vocabulary.SENTENCE_START, "."));
        SentenceBlock block = fromStrings();
        int[] ids = block.ids(vocabulary);
        List<int[]> encoded = new ArrayList<>();
        for (int s = 0; s < block.size(); s++) encoded.add(block.encode(s, ids));
        for (int s = 0; s < SENTENCES.size(); s++) assertArrayEquals(vocabulary.encode(SENTENCES.get(s)), encoded.get(s));
    }
}
