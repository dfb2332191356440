package org.sparkrnnlm.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The optimised tokenizer against the reference copies of the classes as they were before the speed work
 * ({@code org.sparkrnnlm.core.text.reference}): identical token lists for every comment of the shared
 * Brown and Reddit CSVs, for every sentence of them fed to the word tokenizer alone, and for fuzzed text
 * made of the characters and words the rules look at.
 */
class TokenizerEquivalenceTest {
    /** The shared data beside the checkout; tests run in the module directory. */
    private static final Path DATA = Paths.get(System.getProperty("shared.dir", "../../shared"), "data");
    private final CommentTokenizer current = new CommentTokenizer();
    private final org.sparkrnnlm.core.text.reference.CommentTokenizer reference = new org.sparkrnnlm.core.text.reference.CommentTokenizer();
    private final TreebankWordTokenizer words = new TreebankWordTokenizer();
    private final org.sparkrnnlm.core.text.reference.TreebankWordTokenizer referenceWords =
            new org.sparkrnnlm.core.text.reference.TreebankWordTokenizer();
    private final org.sparkrnnlm.core.text.reference.SentenceSplitter referenceSplitter =
            new org.sparkrnnlm.core.text.reference.SentenceSplitter();

    @Test
    void brownCommentsTokenizeAsBefore() throws IOException {
        assertSameTokens("brown-comments.csv", 15_000);
    }

    @Test
    void redditSampleTokenizesAsBefore() throws IOException {
        assertSameTokens("reddit-comments-2015-08.sample.csv", 200);
    }

    private void assertSameTokens(String file, int atLeast) throws IOException {
        Path csv = DATA.resolve(file);
        Assumptions.assumeTrue(Files.exists(csv), "../shared/data/" + file + " is missing: skipping the tokenizer equivalence check on it");
        List<String> bodies = bodies(Files.readString(csv, StandardCharsets.UTF_8));
        assertTrue(bodies.size() >= atLeast, file + ": only " + bodies.size() + " bodies parsed");
        for (String body : bodies) {
            assertEquals(reference.sentences(body), current.sentences(body), () -> "comment: " + body);
            assertEquals(current.sentences(body), streamed(body), () -> "streamed comment: " + body);
            // The word tokenizer alone, also on text the comment pipeline never hands it (not lowercased).
            for (String sentence : referenceSplitter.split(body)) {
                assertEquals(referenceWords.tokenize(sentence), words.tokenize(sentence), () -> "sentence: " + sentence);
            }
        }
    }

    @Test
    void fuzzedTextTokenizesAsBefore() {
        String[] pieces = {
            " ", " ", " ", "  ", "\n", "\n\n", "\t", "\u00a0", "\u2003", ".", ".", "..", "...", "?", "!", "?!", ",", ":", ";", "'",
            "''", "\"", "`", "``", "(", ")", "[", "]", "{", "}", "<", ">", "&", "#", "$", "%", "@", "*", "-", "--", "_", "/",
            "\u00ab", "\u00bb", "\u201c", "\u201d", "\u2018", "\u2019", "\u201e", "\u2012", "\u2013", "\u2014", "\u2015",
            "a", "I", "x", "Mr", "mr.", "e.g.", "u.s.", "etc", "no", "st", "1", "42", "3.5", "1,000", "10:30", "-2", "1990",
            "don't", "can't", "I'm", "you're", "we've", "she'll", "he'd", "it's", "'s", "'S", "n't", "N'T", "'ll", "'LL", "'re",
            "'ve", "'VE", "'m", "'d", "'t", "'tis", "'Twas", "cannot", "gonna", "gimme", "gotta", "lemme", "wanna", "more'n",
            "d'ye", "wanna.", "GONNA", "word", "Word", "\u00e9t\u00e9", "na\u00efve", "\u0915\u093f", "\ud835\udc00",
            "\ue000", "u\ue000u", "http://x.org/a_(b)", "https://e.com/?q=1&r=2.", "www.ex.com", "ftp://f.net/x).", "://",
            "&gt;", "&amp;gt;", "&lt;3", "&#39;", "&#x27;", "&nbsp;", "&bogus;", "[link](http://a.b/c)", "[t](u \"title\")",
            "[[x]](y)", "> quote", ">>nested", "\n> q\n", "*", "**bold**", "~~", "^", "|",
        };
        assertSameTokensOnFuzz(pieces, 20240611L);
        // ASCII only: the sentences whose edits are skipped by the characters they lack.
        assertSameTokensOnFuzz(java.util.Arrays.stream(pieces).filter(p -> p.chars().allMatch(c -> c < 128)).toArray(String[]::new), 11L);
    }

    private void assertSameTokensOnFuzz(String[] pieces, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int n = 0; n < 25_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = 1 + random.nextInt(24);
            for (int i = 0; i < length; i++) text.append(pieces[random.nextInt(pieces.length)]);
            String body = text.toString();
            assertEquals(reference.sentences(body), current.sentences(body), () -> "comment: " + body);
            assertEquals(referenceWords.tokenize(body), words.tokenize(body), () -> "sentence: " + body);
            assertEquals(current.sentences(body), streamed(body), () -> "streamed comment: " + body);
        }
    }

    /** The sentences that {@link CommentTokenizer#sentences(String, java.util.function.Consumer)} hands out, split. */
    private List<List<String>> streamed(String body) {
        List<List<String>> sentences = new ArrayList<>();
        current.sentences(body, spaced -> {
            List<String> tokens = java.util.Arrays.stream(spaced.split(" +")).filter(w -> !w.isEmpty()).toList();
            if (!tokens.isEmpty()) sentences.add(tokens);
        });
        return sentences;
    }

    @Test
    void dottedAndNumberScansMatchTheirRegexes() {
        java.util.regex.Pattern dotted = java.util.regex.Pattern.compile("\\p{L}{1,2}+(?:\\.\\p{L}{1,2}+)++");
        java.util.regex.Pattern number = java.util.regex.Pattern.compile("-?[.,]?\\d[\\d,.\\-]*+",
                java.util.regex.Pattern.UNICODE_CHARACTER_CLASS);
        String[] pieces = {"a", "b", "\u00e9", "\ud835\udc00", "\ud835", ".", ".", ",", "-", "1", "7", "\u0663", "\ud835\udfce", "x", "_"};
        SplittableRandom random = new SplittableRandom(7L);
        for (int n = 0; n < 100_000; n++) {
            StringBuilder w = new StringBuilder();
            int length = 1 + random.nextInt(7);
            for (int i = 0; i < length; i++) w.append(pieces[random.nextInt(pieces.length)]);
            String word = w.toString();
            if (word.indexOf('.') > 0) assertEquals(dotted.matcher(word).matches(), SentenceSplitter.isDotted(word), () -> "dotted: " + word);
            assertEquals(number.matcher(word).matches(), SentenceSplitter.isNumber(word), () -> "number: " + word);
        }
    }

    /** The single {@code body} column of the shared CSVs (RFC 4180: quotes, "" escapes, line breaks in quotes). */
    static List<String> bodies(String csv) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = csv.startsWith("\uFEFF") ? 1 : 0;
        boolean quoted = false;
        boolean header = true;
        for (; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c != '"') field.append(c);
                else if (i + 1 < csv.length() && csv.charAt(i + 1) == '"') field.append(csv.charAt(++i));
                else quoted = false;
            } else if (c == '"') {
                quoted = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') i++;
                if (!header) fields.add(field.toString());
                header = false;
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (field.length() > 0) fields.add(field.toString());
        return fields;
    }
}
