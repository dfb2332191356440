package org.sparkrnnlm.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole pipeline on comment bodies as the dump holds them (HTML-escaped, markdown). Expected sentences are
 * written with tokens joined by spaces and sentences joined by {@code " | "}.
 */
class CommentTokenizerTest {
    private static final CommentTokenizer TOKENIZER = new CommentTokenizer();

    private static Arguments row(String body, String sentences) {
        return Arguments.of(body, sentences);
    }

    private static String render(List<List<String>> sentences) {
        List<String> joined = new ArrayList<>();
        for (List<String> tokens : sentences) joined.add(String.join(" ", tokens));
        return String.join(" | ", joined);
    }

    private static void check(String body, String sentences) {
        assertEquals(sentences, render(TOKENIZER.sentences(body)), () -> "sentences of <" + body + ">");
    }

    static Stream<Arguments> entities() {
        return Stream.of(
                row("a &gt; b &lt; c", "a > b < c"),
                row("salt &amp; pepper", "salt & pepper"),
                row("&quot;hi&quot; she said", "`` hi '' she said"),
                row("it&#39;s it&#x27;s", "it 's it 's"),
                row("non&nbsp;breaking", "non breaking"),
                row("&amp;gt; stays escaped once", "& gt ; stays escaped once"),
                row("&bogus; & &#xZZ; stay", "& bogus ; & & # xzz ; stay"));
    }

    /** The dumps escape {@code > < &}; one pass of unescaping, unknown entities left as they are. */
    @ParameterizedTest
    @MethodSource("entities")
    void htmlEntitiesAreUnescapedOnce(String body, String sentences) {
        check(body, sentences);
    }

    static Stream<Arguments> quotes() {
        return Stream.of(
                row("&gt;quoted text\nmy reply", "quoted text | my reply"),
                row("my intro\n&gt; quoted text", "my intro | quoted text"),
                row("&gt; &gt; nested quote\n\nreply", "nested quote | reply"),
                row("&gt;&gt;nested quote\nreply", "nested quote | reply"),
                row("&gt;one quote\n&gt;wrapped over two lines\nreply", "one quote wrapped over two lines | reply"),
                row("  &gt; indented quote\nreply", "indented quote | reply"),
                row("a -&gt; b", "a - > b"));
    }

    /**
     * A line starting with {@code >} is a quote: markers dropped, and a sentence boundary wherever quote and
     * reply meet. Consecutive quote lines are one paragraph, as markdown renders them. A {@code >} inside a
     * line is just a character.
     */
    @ParameterizedTest
    @MethodSource("quotes")
    void quoteLinesLoseTheirMarkersAndEndASentence(String body, String sentences) {
        check(body, sentences);
    }

    static Stream<Arguments> links() {
        return Stream.of(
                row("read [this guide](http://example.com/guide) first", "read this guide first"),
                row("[wiki](https://en.wikipedia.org/wiki/foo_(bar)) says so", "wiki says so"),
                row("[feedback](https://x.com/c?to=a&amp;b=c \"title here\") please", "feedback please"),
                row("[^[contact ^creator]](http://x.com/m) ok", "^ [ contact ^creator ] ok"),
                row("[](#stars)rated", "rated"),
                row("[relative](/r/ps4/wiki) link", "relative link"),
                row("a [bracket] (not a link)", "a [ bracket ] ( not a link )"));
    }

    /** Markdown links {@code [text](url "title")} keep their text; the url and the brackets go. */
    @ParameterizedTest
    @MethodSource("links")
    void markdownLinksKeepOnlyTheirText(String body, String sentences) {
        check(body, sentences);
    }

    static Stream<Arguments> urls() {
        return Stream.of(
                row("Source: http://civilization.wikia.com/wiki/Tourism_(Civ5)", "source : http://civilization.wikia.com/wiki/tourism_(civ5)"),
                row("see https://www.reddit.com/r/tails/comments/2y6tdp/?a=b. Then ask",
                        "see https://www.reddit.com/r/tails/comments/2y6tdp/?a=b . | then ask"));
    }

    /** Bare URLs survive lowercasing, splitting and tokenizing as one token. */
    @ParameterizedTest
    @MethodSource("urls")
    void bareUrlsStayOneToken(String body, String sentences) {
        check(body, sentences);
    }

    static Stream<Arguments> lowercase() {
        return Stream.of(
                row("Hello World. This Is It.", "hello world . | this is it ."),
                row("Mr. Smith Went To Washington.", "mr. smith went to washington ."),
                row("I'M GONNA WIN", "i 'm gon na win"),
                row("\u00c9COLE \u00dcBER \u0391\u0398\u0397\u039d\u0391\u03a3", "\u00e9cole \u00fcber \u03b1\u03b8\u03b7\u03bd\u03b1\u03c2"));
    }

    /** As {@code nltk.sent_tokenize(x.lower())}: lowercase first (Unicode, final sigma too), then split. */
    @ParameterizedTest
    @MethodSource("lowercase")
    void textIsLowercasedBeforeSplitting(String body, String sentences) {
        check(body, sentences);
    }

    static Stream<Arguments> empty() {
        return Stream.of(
                row("", ""),
                row("   \n\n  ", ""),
                row("&gt;", ""),
                row("[](http://x.com)", ""));
    }

    /** Bodies with nothing to say give no sentences (and no empty ones). */
    @ParameterizedTest
    @MethodSource("empty")
    void emptyBodiesGiveNoSentences(String body, String sentences) {
        check(body, sentences);
    }

    /** The tutorial drops sentences of fewer than 4 tokens counting SENTENCE_START and SENTENCE_END. */
    @ParameterizedTest
    @CsvSource({"'', false", "hi, false", "hi .,true", "i 'm here, true"})
    void longEnoughMeansAtLeastTwoTokens(String tokens, boolean longEnough) {
        List<String> list = tokens.isEmpty() ? List.of() : List.of(tokens.split(" "));
        assertEquals(longEnough, CommentTokenizer.longEnough(list));
    }

    static Stream<Arguments> realComments() {
        return Stream.of(
                row("No, but Toriyama sometimes would draw himself as a little robot. Shen was a funny character for a few "
                                + "episodes(hitting Yamcha in the junk) before you find out his true identity. Then he has an "
                                + "awesome fight with Piccolo.",
                        "no , but toriyama sometimes would draw himself as a little robot . | shen was a funny character for a "
                                + "few episodes ( hitting yamcha in the junk ) before you find out his true identity . | then "
                                + "he has an awesome fight with piccolo ."),
                row("&gt;Baltimore County prosecutors will speak to the victim's family before deciding whether to charge "
                                + "Shattuck, reports the station.\n\nEarlier the parents said: \n\n&gt;\"What she did to my son is "
                                + "heinous. The fact that she paraded her pedophilia in front of her own son is even more "
                                + "disturbing,\" the mother said. \"Any adult who rapes a child deserves to be in prison. Please "
                                + "hold her accountable.\"\n\nIt seems like they probably will ask that they send her to prison. "
                                + "I hope they do. Honestly that judge basically gave the green light to any adult woman to "
                                + "molest little boys free of consequence in the future and that's simply not acceptable. \n",
                        "baltimore county prosecutors will speak to the victim 's family before deciding whether to charge "
                                + "shattuck , reports the station . | earlier the parents said : | `` what she did to my son is "
                                + "heinous . | the fact that she paraded her pedophilia in front of her own son is even more "
                                + "disturbing , '' the mother said . | `` any adult who rapes a child deserves to be in prison . "
                                + "| please hold her accountable . '' | it seems like they probably will ask that they send her "
                                + "to prison . | i hope they do . | honestly that judge basically gave the green light to any "
                                + "adult woman to molest little boys free of consequence in the future and that 's simply not "
                                + "acceptable ."),
                row("Thank you for the Giveaway OP! I would like to enter for The Elder Scrolls V: Skyrim.\n\nI played it at "
                                + "my friends house but haven't been able to get it yet! I thank you again for this giveaway. "
                                + "Good luck everyone!",
                        "thank you for the giveaway op ! | i would like to enter for the elder scrolls v : skyrim . | i "
                                + "played it at my friends house but have n't been able to get it yet ! | i thank you again for "
                                + "this giveaway . | good luck everyone !"),
                row("Don't\n\n\nJust take them before/after.\n\n\nI take PreparE before going out and RecoverE on the come "
                                + "down and my rolls have always been pleasant and my comedowns minimal.  Both can be found on "
                                + "[ravesafer.com](http://www.ravesafer.com)\n\n\nIf you really must take some in with you, the "
                                + "PreparE pack only has 3 pills in it (all of the supplements are combined into these 3 pills), "
                                + "so it's far easier to get them into places than having all the supplements separately.\n",
                        "do n't | just take them before/after . | i take prepare before going out and recovere on the come "
                                + "down and my rolls have always been pleasant and my comedowns minimal . | both can be found "
                                + "on ravesafer.com | if you really must take some in with you , the prepare pack only has 3 "
                                + "pills in it ( all of the supplements are combined into these 3 pills ) , so it 's far easier "
                                + "to get them into places than having all the supplements separately ."),
                row("I recommend [Intimacy and Desire](http://amzn.com/0825306299) by David Schnarch.  An excellent read, and "
                                + "a very thorough discussion of the problem of unequal desire in long term relationships.\n\n"
                                + "[Mating in Captivity](http://amzn.com/0060753641) is also very good, but focuses more on lack "
                                + "of desire rather than unequal desire.",
                        "i recommend intimacy and desire by david schnarch . | an excellent read , and a very thorough "
                                + "discussion of the problem of unequal desire in long term relationships . | mating in "
                                + "captivity is also very good , but focuses more on lack of desire rather than unequal desire ."));
    }

    /** Comments of reddit-comments-2015-08.sample.csv, copied as the CSV holds them. */
    @ParameterizedTest
    @MethodSource("realComments")
    void realRedditCommentsTokenize(String body, String sentences) {
        check(body, sentences);
    }

    /**
     * Every comment of the shared sample: tokens are non-empty, lowercase and free of whitespace, no quote
     * marker, entity or markdown link survives, and each non-empty comment gives a sentence.
     */
    @Test
    void everySampleCommentTokenizesCleanly() throws IOException {
        Path sample = Paths.get(System.getProperty("shared.dir", "../../shared"), "data", "reddit-comments-2015-08.sample.csv");
        Assumptions.assumeTrue(Files.isRegularFile(sample), "shared sample missing: " + sample);
        List<String> bodies = csvColumn(Files.readString(sample, StandardCharsets.UTF_8));
        assertEquals(211, bodies.size());
        int sentences = 0;
        for (String body : bodies) {
            List<List<String>> tokenized = TOKENIZER.sentences(body);
            assertFalse(tokenized.isEmpty(), () -> "no sentence from <" + body + ">");
            for (List<String> tokens : tokenized) {
                assertFalse(tokens.isEmpty());
                assertFalse(tokens.get(0).equals(">"), () -> "quote marker kept in " + tokens);
                for (String t : tokens) assertCleanToken(t);
            }
            sentences += tokenized.size();
        }
        assertTrue(sentences > 5 * bodies.size(), "about 5.3 sentences per comment in the full dump, got " + sentences);
    }

    private static void assertCleanToken(String t) {
        assertFalse(t.isEmpty());
        assertEquals(t.toLowerCase(Locale.ROOT), t);
        assertTrue(t.codePoints().noneMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c)), t);
        assertFalse(t.contains("&gt") || t.contains("&amp") || t.contains("&lt"), t);
        assertFalse(t.contains("]("), t);
    }

    /** Spark ships the tokenizers to executors inside closures. */
    @Test
    void survivesJavaSerialization() throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(TOKENIZER);
            out.writeObject(new SentenceSplitter());
            out.writeObject(new TreebankWordTokenizer());
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            CommentTokenizer copy = (CommentTokenizer) in.readObject();
            assertEquals("i ! | do n't know .", render(copy.sentences("I! Don't know.")));
            assertEquals(List.of("ok.", "go"), ((SentenceSplitter) in.readObject()).split("ok. go"));
            assertEquals(List.of("ca", "n't"), ((TreebankWordTokenizer) in.readObject()).tokenize("can't"));
        }
    }

    /** The one column of an RFC 4180 file with a header: quoted fields may hold commas, "" and newlines. */
    private static List<String> csvColumn(String csv) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = csv.indexOf('\n') + 1; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted && c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                field.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '\n' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c != '\r' || quoted) {
                field.append(c);
            }
        }
        if (field.length() > 0) fields.add(field.toString());
        return fields;
    }
}
