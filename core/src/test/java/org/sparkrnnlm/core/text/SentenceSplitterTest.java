package org.sparkrnnlm.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Punkt's decisions on lowercased text, as rules. Each method is one decision; expected sentences are written
 * joined by {@code " | "}.
 */
class SentenceSplitterTest {
    private static final SentenceSplitter SPLITTER = new SentenceSplitter();

    private static Arguments row(String text, String sentences) {
        return Arguments.of(text, sentences);
    }

    private static void check(String text, String sentences) {
        assertEquals(sentences, String.join(" | ", SPLITTER.split(text)), () -> "sentences of <" + text + ">");
    }

    static Stream<Arguments> sentenceEnds() {
        return Stream.of(
                row("i went home. then i slept.", "i went home. | then i slept."),
                row("really? yes.", "really? | yes."),
                row("stop! now.", "stop! | now."),
                row("what?! no way", "what?! | no way"),
                row("wow!!! ok", "wow!!! | ok"),
                row("it was good. 5 stars", "it was good. | 5 stars"),
                row("\u00e7a va. tr\u00e8s bien", "\u00e7a va. | tr\u00e8s bien"),
                row("i can't. the story is slow", "i can't. | the story is slow"));
    }

    /** Lowercasing leaves Punkt no capitals to go by: any word ending in . ? ! before whitespace ends a sentence. */
    @ParameterizedTest
    @MethodSource("sentenceEnds")
    void sentenceFinalPunctuationBeforeWhitespaceEndsASentence(String text, String sentences) {
        check(text, sentences);
    }

    static Stream<Arguments> closers() {
        return Stream.of(
                row("he said \"stop.\" then he left", "he said \"stop.\" | then he left"),
                row("(see above.) next one", "(see above.) | next one"),
                row("it was 'fine.' sure", "it was 'fine.' | sure"),
                row("\u201cdone.\u201d next", "\u201cdone.\u201d | next"),
                row("*i am a bot.* send feedback", "*i am a bot.* | send feedback"),
                row("(see above). next one", "(see above). | next one"));
    }

    /** Punkt moves closing quotes and brackets back to the sentence they close; markdown's * is treated alike. */
    @ParameterizedTest
    @MethodSource("closers")
    void closingQuotesAndBracketsStayWithTheirSentence(String text, String sentences) {
        check(text, sentences);
    }

    static Stream<Arguments> abbreviations() {
        return Stream.of(
                row("mr. smith and mrs. jones met dr. who.", "mr. smith and mrs. jones met dr. who."),
                row("fruit, e.g. apples, i.e. red ones.", "fruit, e.g. apples, i.e. red ones."),
                row("bikes, cars, etc. are fine", "bikes, cars, etc. are fine"),
                row("midwest vs. northeast", "midwest vs. northeast"),
                row("the u.s. army left at 5 p.m. today", "the u.s. army left at 5 p.m. today"),
                row("an ex-gov. of texas", "an ex-gov. of texas"),
                row("i am a r.a.t. owner", "i am a r.a.t. owner"));
    }

    /**
     * Punkt only lets a known abbreviation end a sentence before a capitalised word, and there are none after
     * lowercasing, so an abbreviation never ends one, not even a sentence-final {@code etc.}.
     */
    @ParameterizedTest
    @MethodSource("abbreviations")
    void knownAbbreviationsDoNotEndASentence(String text, String sentences) {
        check(text, sentences);
    }

    static Stream<Arguments> commonWords() {
        return Stream.of(
                row("i said no. then he left", "i said no. | then he left"),
                row("i was ill. so i stayed", "i was ill. | so i stayed"),
                row("it was a mass. a big one", "it was a mass. | a big one"));
    }

    /** Abbreviations of Punkt's model that are also common words are left out of the list. */
    @ParameterizedTest
    @MethodSource("commonWords")
    void abbreviationsThatAreCommonWordsStillEndASentence(String text, String sentences) {
        check(text, sentences);
    }

    static Stream<Arguments> initials() {
        return Stream.of(
                row("j. r. r. tolkien wrote it", "j. r. r. tolkien wrote it"),
                row("i farm in twinpools w. coerthas", "i farm in twinpools w. coerthas"),
                row("press q. you can practice", "press q. you can practice"));
    }

    /** A single letter and a period is an initial to Punkt; before a lowercase word it never ends a sentence. */
    @ParameterizedTest
    @MethodSource("initials")
    void singleLetterInitialsDoNotEndASentence(String text, String sentences) {
        check(text, sentences);
    }

    static Stream<Arguments> numbers() {
        return Stream.of(
                row("this isn't 1960. it's 2015", "this isn't 1960. it's 2015"),
                row("1. first item\n2. second item", "1. first item\n2. second item"),
                row("it costs 1,000. really", "it costs 1,000. really"),
                row("version 2.0. next", "version 2.0. next"));
    }

    /** Punkt's number type ({@code 1990.}, {@code 2.}) behaves as an initial: not an end before lowercase. */
    @ParameterizedTest
    @MethodSource("numbers")
    void numbersWithAPeriodDoNotEndASentence(String text, String sentences) {
        check(text, sentences);
    }

    static Stream<Arguments> noWhitespaceAfter() {
        return Stream.of(
                row("it got 3.5 stars. ok", "it got 3.5 stars. | ok"),
                row("see http://example.com/a.b?c=d for it. ok", "see http://example.com/a.b?c=d for it. | ok"),
                row("what?he said", "what?he said"),
                row("end.next", "end.next"),
                row("go to reddit.com. it's there", "go to reddit.com. | it's there"));
    }

    /** A sentence end needs whitespace after it, so decimals, URLs and missing spaces never split. */
    @ParameterizedTest
    @MethodSource("noWhitespaceAfter")
    void punctuationInsideATokenNeverSplits(String text, String sentences) {
        check(text, sentences);
    }

    static Stream<Arguments> ellipses() {
        return Stream.of(
                row("wait... what", "wait... what"),
                row("hmm.. ok then", "hmm.. ok then"),
                row("so... 5 more", "so... 5 more"),
                row("wait...? what", "wait...? | what"),
                row("my point is... done.", "my point is... done."));
    }

    /** An ellipsis ends a sentence only before a capital in Punkt: never after lowercasing, unless ? or ! follow. */
    @ParameterizedTest
    @MethodSource("ellipses")
    void ellipsisBeforeLowercaseDoesNotEndASentence(String text, String sentences) {
        check(text, sentences);
    }

    static Stream<Arguments> paragraphs() {
        return Stream.of(
                row("no period here\n\nnext one", "no period here | next one"),
                row("first\n \t\nsecond", "first | second"),
                row("windows\r\n\r\nline ends", "windows | line ends"),
                row("a.\n\n\n\nb.", "a. | b."),
                row("one line\ncontinues here.", "one line\ncontinues here."));
    }

    /** Added to Punkt: a blank line ends a sentence; a single newline is only whitespace, as in Punkt. */
    @ParameterizedTest
    @MethodSource("paragraphs")
    void blankLinesEndASentenceAndSingleNewlinesDoNot(String text, String sentences) {
        check(text, sentences);
    }

    static Stream<Arguments> trimming() {
        return Stream.of(
                row("  ok.   fine.  ", "ok. | fine."),
                row("", ""),
                row("   ", ""),
                row("\n\n\n", ""),
                row(". . .", ". | . | ."));
    }

    /** Sentences come back trimmed, and empty ones are dropped. */
    @ParameterizedTest
    @MethodSource("trimming")
    void sentencesAreTrimmedAndNeverEmpty(String text, String sentences) {
        check(text, sentences);
        for (String s : SPLITTER.split(text)) assertEquals(s.strip(), s);
    }

    static Stream<Arguments> realComments() {
        return Stream.of(
                row("they don't get paid for how much time you spend building your army. they get paid when you gem it. "
                                + "having a premade layout saves what, 30 seconds? during that time they've made $0 and still "
                                + "have the ability to make $x if you decide to gem it. ",
                        "they don't get paid for how much time you spend building your army. | they get paid when you gem it. | "
                                + "having a premade layout saves what, 30 seconds? | during that time they've made $0 and still "
                                + "have the ability to make $x if you decide to gem it."),
                row("warlocks definitely got shafted too.  honestly they really need to get way better at balancing "
                                + "warlock card power vs. drawbacks.  wrathguard is just absurdly bad, that massive drawback "
                                + "in exchange for what exactly?  4/3 isn't even good stats.",
                        "warlocks definitely got shafted too. | honestly they really need to get way better at balancing "
                                + "warlock card power vs. drawbacks. | wrathguard is just absurdly bad, that massive drawback "
                                + "in exchange for what exactly? | 4/3 isn't even good stats."),
                row("i think i still have ptsd of that horrifying event.  that match really felt like a michael bay movie.",
                        "i think i still have ptsd of that horrifying event. | that match really felt like a michael bay movie."));
    }

    /** Lowercased comments of reddit-comments-2015-08.sample.csv. */
    @ParameterizedTest
    @MethodSource("realComments")
    void realRedditCommentsSplitIntoSentences(String text, String sentences) {
        check(text, sentences);
    }
}
