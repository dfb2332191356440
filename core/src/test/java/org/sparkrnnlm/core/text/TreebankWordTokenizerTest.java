package org.sparkrnnlm.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code nltk.word_tokenize} on one sentence. Every expected value below (except the URL rows, a deliberate
 * difference) is what NLTK 3.10.3's {@code NLTKWordTokenizer().tokenize} printed for the same input.
 * Expected tokens are written joined by single spaces; no token contains a space.
 */
class TreebankWordTokenizerTest {
    private static final TreebankWordTokenizer TOKENIZER = new TreebankWordTokenizer();

    private static Arguments row(String sentence, String tokens) {
        return Arguments.of(sentence, tokens);
    }

    private static void check(String sentence, String tokens) {
        assertEquals(tokens, String.join(" ", TOKENIZER.tokenize(sentence)), () -> "tokens of <" + sentence + ">");
    }

    static Stream<Arguments> clitics() {
        return Stream.of(
                row("i don't know", "i do n't know"),
                row("i can't go", "i ca n't go"),
                row("we won't stop", "we wo n't stop"),
                row("i'm here", "i 'm here"),
                row("you'll see", "you 'll see"),
                row("we're done", "we 're done"),
                row("they've left", "they 've left"),
                row("he's gone", "he 's gone"),
                row("she'd know", "she 'd know"),
                row("it's their's", "it 's their 's"),
                row("DON'T", "DO N'T"),
                row("i'M FINE", "i 'M FINE"));
    }

    @ParameterizedTest
    @MethodSource("clitics")
    void cliticsAreSplitOffTheirWord(String sentence, String tokens) {
        check(sentence, tokens);
    }

    static Stream<Arguments> macIntyreContractions() {
        return Stream.of(
                row("i'm gonna go", "i 'm gon na go"),
                row("you wanna see", "you wan na see"),
                row("i gotta run", "i got ta run"),
                row("gimme that", "gim me that"),
                row("lemme see", "lem me see"),
                row("i cannot believe it", "i can not believe it"),
                row("d'ye ken", "d 'ye ken"),
                row("more'n enough", "more 'n enough"),
                row("wanna.", "wan na ."),
                // CONTRACTIONS3 needs a space before 't, and NLTK's opening-quote rule has split it off by then.
                row("'tis the season", "' tis the season"),
                row("'twas the night", "' twas the night"));
    }

    @ParameterizedTest
    @MethodSource("macIntyreContractions")
    void macIntyreContractionsSplitInTwo(String sentence, String tokens) {
        check(sentence, tokens);
    }

    static Stream<Arguments> punctuation() {
        return Stream.of(
                row("yes, no; maybe: ok? sure! (a) [b] {c}", "yes , no ; maybe : ok ? sure ! ( a ) [ b ] { c }"),
                row("what aren't you understanding about this?!", "what are n't you understanding about this ? !"),
                row("wait -- what", "wait -- what"),
                row("wait... what", "wait ... what"),
                row("bc that would be super great...", "bc that would be super great ..."),
                row("this is *bold*", "this is * bold *"),
                row("a,b", "a , b"),
                row("end:", "end :"),
                row("email me @ home #1 & more", "email me @ home # 1 & more"));
    }

    @ParameterizedTest
    @MethodSource("punctuation")
    void punctuationIsSplitOff(String sentence, String tokens) {
        check(sentence, tokens);
    }

    static Stream<Arguments> periods() {
        return Stream.of(
                row("e.g. this is it.", "e.g. this is it ."),
                row("mr. smith left.", "mr. smith left ."),
                row("i.e. that", "i.e. that"),
                row("u.s. army", "u.s. army"),
                row("he said no.", "he said no ."),
                row("it's 5 p.m.", "it 's 5 p.m ."),
                row("a.b.c.", "a.b.c ."),
                row("(like this.)", "( like this . )"),
                row("he left (for good.)", "he left ( for good . )"));
    }

    @ParameterizedTest
    @MethodSource("periods")
    void onlyTheSentenceFinalPeriodIsSplitOff(String sentence, String tokens) {
        check(sentence, tokens);
    }

    static Stream<Arguments> doubleQuotes() {
        return Stream.of(
                row("\"hello\" she said", "`` hello '' she said"),
                row("he said \"hi.\"", "he said `` hi . ''"),
                row("she said \"stop\"", "she said `` stop ''"),
                row("please hold her accountable.\"", "please hold her accountable . ''"),
                row("as i nodded to when i said \"yeah, back in 1960\".", "as i nodded to when i said `` yeah , back in 1960 '' ."),
                row("\u201ccurly\u201d and \u2018single\u2019", "\u201c curly \u201d and \u2018 single \u2019"),
                row("\u00abquoted\u00bb", "\u00ab quoted \u00bb"));
    }

    @ParameterizedTest
    @MethodSource("doubleQuotes")
    void doubleQuotesBecomeOpeningAndClosingTreebankQuotes(String sentence, String tokens) {
        check(sentence, tokens);
    }

    static Stream<Arguments> singleQuotes() {
        return Stream.of(
                row("he said 'hi' to me", "he said ' hi ' to me"),
                row("'hello world'", "' hello world '"),
                row("the dogs' bones", "the dogs ' bones"),
                // NLTK treats a curly apostrophe as a closing quote, not as the start of a clitic.
                row("he\u2019s here", "he \u2019 s here"));
    }

    @ParameterizedTest
    @MethodSource("singleQuotes")
    void singleQuotesAreSplitOffWordsTheyOpenOrClose(String sentence, String tokens) {
        check(sentence, tokens);
    }

    static Stream<Arguments> numbers() {
        return Stream.of(
                row("is it 3.14 or 3.15?", "is it 3.14 or 3.15 ?"),
                row("1,000 people", "1,000 people"),
                row("at 10:30 today", "at 10:30 today"),
                row("it costs $5.00 now", "it costs $ 5.00 now"),
                row("50% off", "50 % off"),
                row("3,a", "3 , a"));
    }

    @ParameterizedTest
    @MethodSource("numbers")
    void numbersStayWholeButCurrencyAndPercentSplitOff(String sentence, String tokens) {
        check(sentence, tokens);
    }

    static Stream<Arguments> hyphens() {
        return Stream.of(
                row("anti-gun and non-stop fun", "anti-gun and non-stop fun"),
                row("a well-known fact.", "a well-known fact ."),
                row("it's a slight ppr league- .2 ppr.", "it 's a slight ppr league- .2 ppr ."));
    }

    @ParameterizedTest
    @MethodSource("hyphens")
    void hyphenatedWordsStayWhole(String sentence, String tokens) {
        check(sentence, tokens);
    }

    static Stream<Arguments> urls() {
        return Stream.of(
                row("see http://example.com/a.b?c=d for more", "see http://example.com/a.b?c=d for more"),
                row("go to www.reddit.com.", "go to www.reddit.com ."),
                row("source: http://civilization.wikia.com/wiki/tourism_(civ5)",
                        "source : http://civilization.wikia.com/wiki/tourism_(civ5)"),
                row("(http://example.com/x)", "( http://example.com/x )"),
                row("\"https://a.org/?q=1&r=2\", he said", "`` https://a.org/?q=1&r=2 '' , he said"),
                row("http://a.com http://b.com", "http://a.com http://b.com"));
    }

    /** A deliberate difference from NLTK, which cuts URLs at {@code : ? & ( ) ...}. */
    @ParameterizedTest
    @MethodSource("urls")
    void urlsStayOneToken(String sentence, String tokens) {
        check(sentence, tokens);
    }

    static Stream<Arguments> unicode() {
        return Stream.of(
                row("caf\u00e9 na\u00efve fa\u00e7ade", "caf\u00e9 na\u00efve fa\u00e7ade"),
                row("\u00fcber stra\u00dfe", "\u00fcber stra\u00dfe"),
                row("i \u2764\ufe0f it \ud83d\ude00\ud83d\ude00", "i \u2764\ufe0f it \ud83d\ude00\ud83d\ude00"),
                row("\u65e5\u672c\u8a9e\u306e\u30c6\u30ad\u30b9\u30c8\u3002", "\u65e5\u672c\u8a9e\u306e\u30c6\u30ad\u30b9\u30c8\u3002"),
                row("tab\there", "tab here"),
                row("new\nline", "new line"),
                row("non\u00a0breaking", "non breaking"));
    }

    /** Letters, marks and emoji stay inside words; every Unicode space (as Python's str.split) separates. */
    @ParameterizedTest
    @MethodSource("unicode")
    void unicodeStaysInWordsAndUnicodeSpacesSeparate(String sentence, String tokens) {
        check(sentence, tokens);
    }

    static Stream<Arguments> realSentences() {
        return Stream.of(
                row("they wouldn't run the fucking check in the first place, genius.",
                        "they would n't run the fucking check in the first place , genius ."),
                row("i'd like to make it available, but there's no point in making it mandatory.",
                        "i 'd like to make it available , but there 's no point in making it mandatory ."),
                row("during that time they've made $0 and still have the ability to make $x if you decide to gem it.",
                        "during that time they 've made $ 0 and still have the ability to make $ x if you decide to gem it ."),
                row("shen was a funny character for a few episodes(hitting yamcha in the junk) before you find out his true identity.",
                        "shen was a funny character for a few episodes ( hitting yamcha in the junk ) before you find out his true identity ."),
                row("earlier the parents said:", "earlier the parents said :"),
                row("the fact that she paraded her pedophilia in front of her own son is even more disturbing,\" the mother said.",
                        "the fact that she paraded her pedophilia in front of her own son is even more disturbing , '' the mother said ."),
                row("i would like to enter for the elder scrolls v: skyrim.", "i would like to enter for the elder scrolls v : skyrim ."),
                row("if it is ok to say \"i won't convict on a drug charge\" it is ok to say \"i won't convict on a rape charge\".",
                        "if it is ok to say `` i wo n't convict on a drug charge '' it is ok to say `` i wo n't convict on a rape charge '' ."),
                row("even peter lorre's whistling is integral to the plot.", "even peter lorre 's whistling is integral to the plot ."),
                row("so: no.", "so : no ."),
                row("maybe it's just me being weird (spoiler alert: it is), but i always imagine the narrator in that song singing it to himself.",
                        "maybe it 's just me being weird ( spoiler alert : it is ) , but i always imagine the narrator in that song singing it to himself ."));
    }

    /** Lowercased sentences of reddit-comments-2015-08.sample.csv, with NLTK's tokens. */
    @ParameterizedTest
    @MethodSource("realSentences")
    void realRedditSentencesTokenizeAsNltk(String sentence, String tokens) {
        check(sentence, tokens);
    }
}
