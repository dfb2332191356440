package org.sparkrnnlm.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The memoised tokenizer against {@link TreebankWordTokenizer}, the transcription of NLTK's regex chain (itself
 * checked against NLTK in {@link TreebankWordTokenizerTest} and the reference copies in
 * {@link TokenizerEquivalenceTest}): the same tokens for fuzzed sentences whose chunks recur in every context,
 * and for every sentence of the shared Brown and Reddit data. One tokenizer serves each whole test, so most
 * chunks are answered from what another sentence left in the memory.
 */
class MemoWordTokenizerTest {
    private static final Path DATA = Paths.get(System.getProperty("shared.dir", "../../shared"), "data");
    private final TreebankWordTokenizer reference = new TreebankWordTokenizer();
    private final Dictionary dictionary = new Dictionary();

    /** Ids in order of first sight, and back. */
    private static final class Dictionary implements MemoWordTokenizer.WordIds {
        final Map<String, Integer> ids = new HashMap<>();
        final List<String> words = new ArrayList<>();

        @Override
        public int id(String word) {
            return ids.computeIfAbsent(word, w -> {
                words.add(w);
                return words.size() - 1;
            });
        }

        List<String> words(int[] ids, int n) {
            List<String> out = new ArrayList<>(n);
            for (int k = 0; k < n; k++) out.add(words.get(ids[k]));
            return out;
        }
    }

    private List<String> memoTokens(MemoWordTokenizer memo, String sentence) {
        // Inside a longer text, as the comment pipeline hands sentences over.
        String text = "x\n" + sentence + " y";
        int n = memo.tokenize(text, 2, 2 + sentence.length());
        return dictionary.words(memo.ids(), n);
    }

    /** Pieces that the Treebank rules look at, joined without spaces into chunks. */
    private static final String[] PIECES = {
        ".", ".", "..", "...", "?", "!", ",", ",", ":", ";", "'", "'", "''", "\"", "\"", "`", "``", "(", ")", "[", "]", "{",
        "}", "<", ">", "&", "#", "$", "%", "@", "*", "-", "--", "_", "/", "\n", "\t", "\u00a0", "\u00ab", "\u00bb",
        "\u201c", "\u201d", "\u2018", "\u2019", "\u201e", "\u2013", "\u2014", "a", "i", "x", "mr", "e.g", "u.s", "1", "42",
        "3.5", "1,000", "10:30", "don't", "can't", "i'm", "'s", "'S", "n't", "N'T", "'ll", "'LL", "'re", "'ve", "'m", "'d",
        "'t", "'tis", "'twas", "is", "was", "cannot", "gonna", "gimme", "gotta", "lemme", "wanna", "more'n", "d'ye", "ye",
        "na", "GONNA", "word", "\u00e9t\u00e9", "\u0915\u093f", "\ud835\udc00", "s", "t", "re", "ll", "ve", "n",
    };
    private static final String[] RARE = {"://", "www.", "http://a.b/c", "\ue000", "w", "ww"};

    private static String fuzzedSentence(SplittableRandom random) {
        StringBuilder s = new StringBuilder();
        int chunks = 1 + random.nextInt(7);
        for (int c = 0; c < chunks; c++) {
            if (c > 0 || random.nextInt(20) == 0) s.append(random.nextInt(8) == 0 ? "  " : " ");
            int pieces = 1 + random.nextInt(3);
            for (int p = 0; p < pieces; p++) {
                s.append(random.nextInt(200) == 0 ? RARE[random.nextInt(RARE.length)] : PIECES[random.nextInt(PIECES.length)]);
            }
        }
        if (random.nextInt(20) == 0) s.append(' ');
        return s.toString();
    }

    @Test
    void fuzzedSentencesTokenizeAsTheReference() {
        MemoWordTokenizer memo = new MemoWordTokenizer(dictionary);
        SplittableRandom random = new SplittableRandom(20261201L);
        for (int n = 0; n < 150_000; n++) {
            String sentence = fuzzedSentence(random);
            assertEquals(reference.tokenize(sentence), memoTokens(memo, sentence), () -> "sentence: [" + sentence + "]");
        }
    }

    @Test
    void aMemoryThatFillsUpForgetsAndStillTokenizesAsTheReference() {
        MemoWordTokenizer memo = new MemoWordTokenizer(dictionary, 50, 200);
        SplittableRandom random = new SplittableRandom(7L);
        for (int n = 0; n < 4_000; n++) {
            String sentence = fuzzedSentence(random);
            assertEquals(reference.tokenize(sentence), memoTokens(memo, sentence), () -> "sentence: [" + sentence + "]");
        }
    }

    @Test
    void sentencesWithUrlsTokenizeAsTheReference() {
        MemoWordTokenizer memo = new MemoWordTokenizer(dictionary);
        for (String s : new String[] {"see http://x.org/a_(b). ok", "go to www.ex.com, then", "a \ue000 b.", "x:// y", "wwww. z"}) {
            assertEquals(reference.tokenize(s), memoTokens(memo, s), () -> "sentence: " + s);
        }
    }

    @Test
    void aPeriodBeforeClosingQuotesAndBracketsIsSplitAsTheReference() {
        MemoWordTokenizer memo = new MemoWordTokenizer(dictionary);
        for (String s : new String[] {"he said 'stop.' )", "he said \"stop. \" ) '", "so. ' ' ", "ok. ''", "a, b:", "end ."}) {
            assertEquals(reference.tokenize(s), memoTokens(memo, s), () -> "sentence: " + s);
        }
    }

    @Test
    void openingQuotesOfTheFirstChunkTokenizeAsTheReference() {
        MemoWordTokenizer memo = new MemoWordTokenizer(dictionary);
        for (String s : new String[] {"''hi'' there", "x ''hi'' there", "\"hi\" there", "x \"hi\" there", "'tis so", "x 'tis so"}) {
            assertEquals(reference.tokenize(s), memoTokens(memo, s), () -> "sentence: " + s);
        }
    }

    @Test
    void plainWordsAreOneTokenInEveryPlaceOfASentenceAsForTheReference() {
        SplittableRandom random = new SplittableRandom(11L);
        String letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";
        List<String> words = new ArrayList<>(List.of("cannot", "CanNot", "gimme", "gonna", "GONNA", "gotta", "lemme", "wanna", "WannA",
                "can", "not", "gon", "na", "wan", "tis", "twas", "d", "ye", "more", "n", "s", "t"));
        for (int n = 0; n < 2_000; n++) {
            StringBuilder w = new StringBuilder();
            for (int i = 1 + random.nextInt(8); i > 0; i--) w.append(letters.charAt(random.nextInt(letters.length())));
            words.add(w.toString());
        }
        for (String w : words) {
            for (String sentence : new String[] {w, w + " x", "x " + w, "x " + w + " y"}) {
                boolean oneToken = reference.tokenize(sentence).contains(w);
                assertEquals(oneToken, MemoWordTokenizer.isPlainWord(w), () -> "word: " + w + " in: " + sentence);
            }
        }
    }

    @Test
    void brownSentencesTokenizeAsTheReference() throws IOException {
        assertSameTokensOnSentences("brown-comments.csv", 50_000);
    }

    @Test
    void redditSampleSentencesTokenizeAsTheReference() throws IOException {
        assertSameTokensOnSentences("reddit-comments-2015-08.sample.csv", 500);
    }

    /** Every sentence as the comment pipeline hands it over (cleaned, lowercased) and as written. */
    private void assertSameTokensOnSentences(String file, int atLeast) throws IOException {
        Path csv = DATA.resolve(file);
        Assumptions.assumeTrue(Files.exists(csv), "../shared/data/" + file + " is missing: skipping the memo tokenizer check on it");
        MemoWordTokenizer memo = new MemoWordTokenizer(dictionary);
        SentenceSplitter splitter = new SentenceSplitter();
        int sentences = 0;
        for (String body : TokenizerEquivalenceTest.bodies(Files.readString(csv, StandardCharsets.UTF_8))) {
            for (String text : new String[] {CommentTokenizer.clean(body), body}) {
                for (String sentence : splitter.split(text)) {
                    assertEquals(reference.tokenize(sentence), memoTokens(memo, sentence), () -> "sentence: " + sentence);
                    sentences++;
                }
            }
        }
        assertTrue(sentences >= atLeast, file + ": only " + sentences + " sentences");
    }

    @Test
    void commentSentenceIdsAreTheCommentSentences() throws IOException {
        Path csv = DATA.resolve("reddit-comments-2015-08.sample.csv");
        Assumptions.assumeTrue(Files.exists(csv), "../shared/data/reddit-comments-2015-08.sample.csv is missing: skipping");
        CommentTokenizer comments = new CommentTokenizer();
        MemoWordTokenizer memo = new MemoWordTokenizer(dictionary);
        for (String body : TokenizerEquivalenceTest.bodies(Files.readString(csv, StandardCharsets.UTF_8))) {
            List<List<String>> viaIds = new ArrayList<>();
            comments.sentenceIds(body, memo, (ids, n) -> viaIds.add(dictionary.words(ids, n)));
            assertEquals(comments.sentences(body), viaIds, () -> "comment: " + body);
        }
    }
}
