package org.sparkrnnlm.jobs.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SentenceBlockTest {
    // Aa and BB, and the 8-char words made of them, share their String hash: the long ones collide in the dictionary.
    private static final String[] WORDS = {
        "Aa", "BB", "AaAa", "BBBB", "AaBB", "BBAa", "AaAaAaAa", "BBBBBBBB", "AaBBAaBB", "BBAaBBAa", "the", "a", "seven77", "eightchr", "a-much-longer-word", "\u00e9t\u00e9",
        "\u0915\u093f", "\ud835\udc00", "x\u0000y", "\u00ff\u00ff\u00ff", "SENTENCE_START", "SENTENCE_END",
    };

    @Test
    void sentencesReadBackAsAddedWithEveryKindOfWord() {
        SplittableRandom random = new SplittableRandom(3);
        SentenceBlock.Builder builder = new SentenceBlock.Builder(0, 0, 1_000_000, 10_000_000);
        List<String> added = new ArrayList<>();
        for (int s = 0; s < 20_000; s++) {
            List<String> sentence = new ArrayList<>();
            int length = 2 + random.nextInt(12);
            for (int i = 0; i < length; i++) {
                // Fresh words too, so the dictionary grows past its first table size (rehashing).
                sentence.add(random.nextInt(4) == 0 ? "w" + random.nextInt(100_000) : WORDS[random.nextInt(WORDS.length)]);
            }
            assertFalse(builder.addSpaced(String.join(" ", sentence)));
            added.add(String.join(" ", sentence));
        }
        SentenceBlock block = builder.take();
        assertEquals(added.size(), block.size());
        for (int s = 0; s < block.size(); s++) assertEquals(added.get(s), block.text(s), "sentence " + s);
    }

    @Test
    void aSentenceGivenWithRunsOfSpacesHasTheWordsBetweenThem() {
        SentenceBlock.Builder builder = new SentenceBlock.Builder(0, 0, 100, 1000);
        builder.addSpaced("  the   cat ");
        builder.addSpaced("the cat");
        SentenceBlock block = builder.take();
        assertEquals("the cat", block.text(0));
        assertEquals("the cat", block.text(1));
    }

    @Test
    void aSentenceOfFewerThanTwoTokensIsDropped() {
        SentenceBlock.Builder builder = new SentenceBlock.Builder(0, 0, 100, 1000);
        builder.addSpaced("one");
        builder.addSpaced("  ");
        builder.addSpaced("two words");
        SentenceBlock block = builder.take();
        assertEquals(1, block.size());
        assertEquals("two words", block.text(0));
        assertEquals(0, block.position(0), "positions count kept sentences only");
    }
}
