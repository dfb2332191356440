package org.sparkrnnlm.core.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class VocabularyTest {
    private static final String START = Vocabulary.SENTENCE_START;
    private static final String END = Vocabulary.SENTENCE_END;
    private static final String UNKNOWN = Vocabulary.UNKNOWN_TOKEN;

    /** Counts in first-occurrence order, as TextSentences.count produces them. */
    private static LinkedHashMap<String, Long> counts(Object... wordAndCount) {
        LinkedHashMap<String, Long> counts = new LinkedHashMap<>();
        for (int i = 0; i < wordAndCount.length; i += 2) counts.put((String) wordAndCount[i], ((Number) wordAndCount[i + 1]).longValue());
        return counts;
    }

    private static List<List<String>> sentences(String... lines) {
        List<List<String>> out = new ArrayList<>();
        for (String line : lines) out.add(TextSentences.tokens(line));
        return out;
    }

    private static byte[] written(Vocabulary v) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        v.write(out);
        return out.toByteArray();
    }

    private static Vocabulary read(String tsv) throws IOException {
        return Vocabulary.read(new ByteArrayInputStream(tsv.getBytes(StandardCharsets.UTF_8)));
    }

    private static long[] countsOf(Vocabulary v) {
        long[] c = new long[v.size()];
        for (int i = 0; i < c.length; i++) c[i] = v.count(i);
        return c;
    }

    @Test
    void keepsTheSizeMinusOneMostFrequentWordsThenUnknownLast() {
        // 3 sentences: the markers count 3 each.
        LinkedHashMap<String, Long> counts = TextSentences.count(sentences(
                "a b a c d", "a b a e", "a b d"));
        Vocabulary v = Vocabulary.fromCounts(counts, 6);

        // a:6, b:3, START:3, END:3, d:2 are the 5 most frequent (ties by first occurrence).
        assertEquals(List.of("a", START, "b", END, "d", UNKNOWN), v.words());
        assertEquals(6, v.size());
        assertEquals(5, v.unknownId());
        assertEquals(UNKNOWN, v.word(v.size() - 1));
    }

    @Test
    void unknownTokenCountsTheOccurrencesOfEveryWordLeftOut() {
        Vocabulary v = Vocabulary.fromCounts(counts(START, 3, "a", 6, "b", 3, "c", 1, "d", 2, "e", 1, END, 3), 5);

        assertEquals(List.of("a", START, "b", END, UNKNOWN), v.words());
        assertArrayEquals(new long[] {6, 3, 3, 3, 4}, countsOf(v)); // c + d + e = 4
    }

    @Test
    void equalCountsKeepTheOrderOfFirstOccurrence() {
        Vocabulary v = Vocabulary.fromCounts(counts(START, 10, "zebra", 4, "apple", 4, "mango", 4, END, 10, "kiwi", 4), 6);

        assertEquals(List.of(START, END, "zebra", "apple", "mango", UNKNOWN), v.words());
    }

    @Test
    void tieAtTheCutOffKeepsTheWordThatOccurredFirst() {
        Vocabulary v = Vocabulary.fromCounts(counts(START, 10, "late", 1, "early", 1, END, 10, "x", 5), 5);

        // Only one of the two count-1 words fits: the one seen first.
        assertEquals(List.of(START, END, "x", "late", UNKNOWN), v.words());
    }

    @Test
    void sameCountsGiveTheSameVocabularyEveryTime() {
        LinkedHashMap<String, Long> counts = TextSentences.count(sentences(
                "q w e r t y", "y t r e w q", "a s d f", "f d s a", "q a"));
        Vocabulary first = Vocabulary.fromCounts(counts, 9);
        for (int i = 0; i < 5; i++) assertEquals(first.words(), Vocabulary.fromCounts(new LinkedHashMap<>(counts), 9).words());
    }

    @Test
    void sentenceMarkersAreKeptWhenRarerThanOtherWords() {
        // Long sentences: several words are more frequent than the once-per-sentence markers.
        LinkedHashMap<String, Long> counts = TextSentences.count(sentences(
                "w w v v x y", "w w v v x y", "w w v v x y"));
        Vocabulary v = Vocabulary.fromCounts(counts, 5);

        assertEquals(5, v.size());
        assertTrue(v.contains(START), v.words().toString());
        assertTrue(v.contains(END), v.words().toString());
        assertEquals(UNKNOWN, v.word(4));
        assertTrue(v.contains("w") && v.contains("v"), v.words().toString());
    }

    @Test
    void sentenceMarkersAreKeptWhenStartIsTheLastWordThatFits() {
        // Sorted: w 6, v 6, START 3, x 3, END 3: START is the last of the size-1 = 3 kept words and
        // END does not fit; making room for END must not push START out.
        LinkedHashMap<String, Long> counts = TextSentences.count(sentences(
                "w w v v x", "w w v v x", "w w v v x"));
        Vocabulary v = Vocabulary.fromCounts(counts, 4);

        assertEquals(4, v.size());
        assertTrue(v.contains(START), v.words().toString());
        assertTrue(v.contains(END), v.words().toString());
        assertEquals(UNKNOWN, v.word(3));
    }

    @Test
    void unknownCountIncludesWordsPushedOutToMakeRoomForTheMarkers() {
        // Sorted: w 12, START 3, x 3, y 3, z 3, END 3. Size 4 keeps w, START and (for END) not x.
        LinkedHashMap<String, Long> counts = TextSentences.count(sentences(
                "w w w w x y z", "w w w w x y z", "w w w w x y z"));
        Vocabulary v = Vocabulary.fromCounts(counts, 4);

        assertEquals(List.of("w", START, END, UNKNOWN), v.words());
        assertEquals(9, v.count(3), "x, y and z occur 3 times each and all map to UNKNOWN_TOKEN");
    }

    @Test
    void rejectsSizesBelowFour() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Vocabulary.fromCounts(counts(START, 1, "a", 1, END, 1), 3));
        assertTrue(e.getMessage().contains("3"), e.getMessage());
    }

    @Test
    void wordsOutsideTheVocabularyMapToTheUnknownTokenId() {
        Vocabulary v = Vocabulary.ofWords(List.of(START, END, "cat", "dog"));

        assertEquals(4, v.unknownId());
        assertEquals(v.unknownId(), v.id("zebra"));
        assertEquals(v.unknownId(), v.id(""));
        assertEquals(v.unknownId(), v.id("Cat"), "lookups are case-sensitive");
        assertEquals(v.unknownId(), v.id(UNKNOWN));
        assertFalse(v.contains("zebra"));
        assertEquals(2, v.id("cat"));
        assertEquals(3, v.id("dog"));
    }

    @Test
    void ofWordsAppendsTheUnknownTokenOnlyWhenAbsent() {
        assertEquals(List.of(START, END, "a", UNKNOWN), Vocabulary.ofWords(List.of(START, END, "a")).words());
        assertEquals(List.of(START, END, "a", UNKNOWN), Vocabulary.ofWords(List.of(START, END, "a", UNKNOWN)).words());
    }

    @Test
    void markerIdsFollowTheWordOrder() {
        Vocabulary v = Vocabulary.ofWords(List.of("a", END, "b", START));

        assertEquals(3, v.startId());
        assertEquals(1, v.endId());
        assertEquals(4, v.unknownId());
    }

    @Test
    void encodeWrapsTheSentenceInStartAndEnd() {
        Vocabulary v = Vocabulary.ofWords(List.of(START, END, "the", "cat", "sat"));

        assertArrayEquals(new int[] {0, 2, 3, 4, 1}, v.encode(List.of("the", "cat", "sat")));
        assertArrayEquals(new int[] {0, 2, 5, 4, 1}, v.encode(List.of("the", "dog", "sat")));
        assertArrayEquals(new int[] {0, 1}, v.encode(Collections.emptyList()));
    }

    @Test
    void encodedSentenceGivesInputsAndTargetsOfTheTutorial() {
        Vocabulary v = Vocabulary.ofWords(List.of(START, END, "a", "b"));
        int[] ids = v.encode(List.of("a", "b"));
        // x = [START, a, b], y = [a, b, END]: n words give n + 1 targets.
        assertArrayEquals(new int[] {v.startId(), v.id("a"), v.id("b")}, java.util.Arrays.copyOfRange(ids, 0, ids.length - 1));
        assertArrayEquals(new int[] {v.id("a"), v.id("b"), v.endId()}, java.util.Arrays.copyOfRange(ids, 1, ids.length));
    }

    @Test
    void writesOneWordTabCountLinePerIdInIdOrder() throws IOException {
        Vocabulary v = Vocabulary.fromCounts(counts(START, 3, "a", 6, "b", 3, "c", 1, END, 3), 5);

        String text = new String(written(v), StandardCharsets.UTF_8);
        assertEquals("a\t6\nSENTENCE_START\t3\nb\t3\nSENTENCE_END\t3\nUNKNOWN_TOKEN\t1\n", text);
    }

    @Test
    void writeThenReadGivesTheSameWordsAndCounts() throws IOException {
        LinkedHashMap<String, Long> counts = TextSentences.count(sentences(
                "the cat sat on the mat .", "the dog sat .", "a cat and a dog , n't they ?", "caf\u00e9 na\u00efve \u65e5\u672c"));
        Vocabulary v = Vocabulary.fromCounts(counts, 12);

        Vocabulary back = Vocabulary.read(new ByteArrayInputStream(written(v)));

        assertEquals(v.words(), back.words());
        assertArrayEquals(countsOf(v), countsOf(back));
        assertEquals(v.unknownId(), back.unknownId());
        assertEquals(v.startId(), back.startId());
        assertEquals(v.endId(), back.endId());
    }

    @Test
    void writeThenReadKeepsAWordContainingATab() throws IOException {
        // Tokens are split on spaces only, so a token may hold a tab.
        Vocabulary v = Vocabulary.ofWords(List.of(START, END, "a\tb"));
        Vocabulary back = Vocabulary.read(new ByteArrayInputStream(written(v)));
        assertEquals(v.words(), back.words());
    }

    @Test
    void readAcceptsWindowsLineEndings() throws IOException {
        Vocabulary v = read("SENTENCE_START\t2\r\nSENTENCE_END\t2\r\nx\t1\r\nUNKNOWN_TOKEN\t0\r\n");
        assertEquals(List.of(START, END, "x", UNKNOWN), v.words());
        assertArrayEquals(new long[] {2, 2, 1, 0}, countsOf(v));
    }

    @Test
    void readRejectsALineWithoutATab() {
        IOException e = assertThrows(IOException.class,
                () -> read("SENTENCE_START\t2\nSENTENCE_END 2\nUNKNOWN_TOKEN\t0\n"));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        assertTrue(e.getMessage().contains("word<TAB>count"), e.getMessage());
    }

    @Test
    void readRejectsACountThatIsNotANumber() {
        IOException e = assertThrows(IOException.class,
                () -> read("SENTENCE_START\t2\nSENTENCE_END\ttwo\nUNKNOWN_TOKEN\t0\n"));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        assertTrue(e.getMessage().contains("not a number"), e.getMessage());
    }

    @Test
    void readRejectsAVocabularyWithoutTheUnknownToken() {
        IOException e = assertThrows(IOException.class, () -> read("SENTENCE_START\t2\nSENTENCE_END\t2\nx\t1\n"));
        assertTrue(e.getMessage().contains(UNKNOWN), e.getMessage());
        assertTrue(e.getMessage().contains("vocab.tsv"), e.getMessage());
    }

    @Test
    void readRejectsAnUnknownTokenThatIsNotLast() {
        IOException e = assertThrows(IOException.class,
                () -> read("SENTENCE_START\t2\nUNKNOWN_TOKEN\t0\nSENTENCE_END\t2\n"));
        assertTrue(e.getMessage().contains(UNKNOWN) && e.getMessage().contains("last"), e.getMessage());
    }

    @Test
    void readRejectsAVocabularyWithoutASentenceMarker() {
        IOException e = assertThrows(IOException.class, () -> read("SENTENCE_START\t2\nx\t1\nUNKNOWN_TOKEN\t0\n"));
        assertTrue(e.getMessage().contains(END), e.getMessage());
    }

    @Test
    void readRejectsARepeatedWord() {
        IOException e = assertThrows(IOException.class,
                () -> read("SENTENCE_START\t2\nSENTENCE_END\t2\nx\t1\nx\t1\nUNKNOWN_TOKEN\t0\n"));
        assertTrue(e.getMessage().contains("'x'") && e.getMessage().contains("twice"), e.getMessage());
    }

    @Test
    void readRejectsAnEmptyFile() {
        IOException e = assertThrows(IOException.class, () -> read(""));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }
}
