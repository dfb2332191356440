package org.sparkrnnlm.core.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class WordClassesTest {

    @Test
    void classesCutTheCountSortedWordsAtEqualSharesOfTheTokens() {
        // Sorted by count: 1 (50), 3 (20), 2 (10), 4 (10), 0 (5), 5 (5); boundaries at 1/3 and 2/3 of 100 tokens.
        // Word 1 fills class 0 past 1/3; word 3 brings the total to 70, past 2/3; the rest share class 2.
        WordClasses classes = WordClasses.byFrequency(new long[] {5, 50, 10, 20, 10, 5}, 3);
        assertArrayEquals(new int[] {2, 0, 2, 1, 2, 2}, classes.toArray());
    }

    @Test
    void theWordThatCarriesAClassPastItsShareStaysInItAsInMikolovsToolkit() {
        // Four words of one token each, two classes: after two words the share is 1/2, not past it; the
        // third carries class 0 past 1/2 and closes it, so the fourth opens class 1. Ties go in id order.
        assertArrayEquals(new int[] {0, 0, 0, 1}, WordClasses.byFrequency(new long[] {1, 1, 1, 1}, 2).toArray());
    }

    @Test
    void everyClassGetsAWordWhenOneWordHoldsMostTokens() {
        WordClasses classes = WordClasses.byFrequency(new long[] {1000, 1, 1, 1}, 3);
        assertArrayEquals(new int[] {0, 1, 2, 2}, classes.toArray());
        assertEquals(3, classes.classes());
    }

    @Test
    void withoutCountsEveryWordCountsOnce() {
        assertArrayEquals(new int[] {0, 0, 0, 1, 1, 2}, WordClasses.byFrequency(new long[6], 3).toArray());
    }

    @Test
    void rowsOfVAreTheWordsSortedByClassThenId() {
        WordClasses classes = WordClasses.of(new int[] {2, 0, 2, 1, 2, 0});
        int[] rows = new int[6];
        for (int w = 0; w < 6; w++) rows[w] = classes.row(w);
        assertArrayEquals(new int[] {3, 0, 4, 2, 5, 1}, rows);
        for (int r = 0; r < 6; r++) assertEquals(r, classes.row(classes.word(r)));
        assertArrayEquals(new int[] {0, 2, 3, 6}, new int[] {classes.start(0), classes.start(1), classes.start(2), classes.end(2)});
    }

    @Test
    void aClassWithoutWordsIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WordClasses.of(new int[] {0, 2, 2}));
        assertEquals("word class 1 of 3 holds no word", e.getMessage());
    }

    @Test
    void theDefaultNumberOfClassesIsAboutTheSquareRootOfTheVocabulary() {
        assertEquals(89, WordClasses.defaultCount(8000));
        assertEquals(224, WordClasses.defaultCount(50000));
    }
}
