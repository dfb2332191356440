package org.sparkrnnlm.core.text;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The tutorial's pipeline for one Reddit comment body: {@code nltk.sent_tokenize(body.lower())}, then
 * {@code nltk.word_tokenize} on each sentence, after a Reddit cleanup the tutorial did not do:
 * <ol>
 *   <li>HTML entities are unescaped once (the dumps escape {@code > < &}): {@code &amp;gt;} becomes
 *       {@code &gt;}, not {@code >};</li>
 *   <li>markdown links {@code [text](url)} keep their text only;</li>
 *   <li>lowercasing ({@link Locale#ROOT}, as Python's {@code str.lower()});</li>
 *   <li>a line starting with {@code >} is a quote: its markers are dropped and a paragraph break is put
 *       between a quote and the lines around it, so the quote never runs into the reply. Consecutive quote
 *       lines stay one paragraph, as markdown renders them.</li>
 * </ol>
 * Sentences with no tokens are left out. No SENTENCE_START/END and no length filter: see {@link #longEnough}.
 * Stateless, hence thread-safe.
 */
public final class CommentTokenizer implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final SentenceSplitter SPLITTER = new SentenceSplitter();
    private static final TreebankWordTokenizer WORDS = new TreebankWordTokenizer();

    /**
     * {@code [text](url "title")}: the text may hold one level of brackets ({@code [^[Contact]](url)}), the url
     * one level of balanced parentheses (Wikipedia), the title is optional. No part crosses a line.
     */
    private static final Pattern MARKDOWN_LINK = Pattern.compile("\\[((?:[^\\[\\]\n]|\\[[^\\[\\]\n]*+\\])*+)\\]"
            + "\\([ \t]*+[^()\\s]*+(?:\\([^()\\s]*+\\)[^()\\s]*+)*+(?:[ \t]++\"[^\"\n]*+\")?[ \t]*+\\)");

    public List<List<String>> sentences(String body) {
        List<List<String>> sentences = new ArrayList<>();
        if (body == null || body.isEmpty()) return sentences;
        for (String sentence : SPLITTER.split(clean(body))) {
            List<String> tokens = WORDS.tokenize(sentence);
            if (!tokens.isEmpty()) sentences.add(tokens);
        }
        return sentences;
    }

    /**
     * Each sentence of {@code body}, also one without tokens, to {@code sink} as
     * {@link TreebankWordTokenizer#spaced}: its tokens separated by runs of spaces.
     */
    public void sentences(String body, Consumer<String> sink) {
        if (body == null || body.isEmpty()) return;
        for (String sentence : SPLITTER.split(clean(body))) sink.accept(WORDS.spaced(sentence));
    }

    /** True if a tokenized sentence passes the tutorial's filter: tokens.size() + 2 >= 4. */
    public static boolean longEnough(List<String> tokens) {
        return tokens.size() + 2 >= 4;
    }

    /** Everything before sentence splitting: entities, links, lowercase, quotes. */
    static String clean(String body) {
        String text = unescapeHtml(body);
        if (text.contains("](")) text = MARKDOWN_LINK.matcher(text).replaceAll("$1");
        return quotesAsParagraphs(text.toLowerCase(Locale.ROOT));
    }

    /** One pass, so double-escaped text loses one level only. Unknown entities stay as they are. */
    static String unescapeHtml(String text) {
        int amp = text.indexOf('&');
        if (amp < 0) return text;
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        for (; amp >= 0; amp = text.indexOf('&', amp + 1)) {
            int semi = semicolonAfter(text, amp);
            if (semi < 0) continue;
            int cp = entity(text.substring(amp + 1, semi));
            if (cp < 0) continue;
            out.append(text, last, amp).appendCodePoint(cp);
            last = semi + 1;
            amp = semi;
        }
        return out.append(text, last, text.length()).toString();
    }

    /** The {@code ;} closing an entity name of at most 8 characters after {@code amp}, or -1. */
    private static int semicolonAfter(String text, int amp) {
        int limit = Math.min(text.length(), amp + 10);
        for (int i = amp + 2; i < limit; i++) {
            if (text.charAt(i) == ';') return i;
        }
        return -1;
    }

    /** The code point of an entity name such as {@code gt} or {@code #x27}, or -1. */
    private static int entity(String name) {
        switch (name) {
            case "gt": return '>';
            case "lt": return '<';
            case "amp": return '&';
            case "quot": return '"';
            case "apos": return '\'';
            case "nbsp": return '\u00a0';
            default: return numericEntity(name);
        }
    }

    private static int numericEntity(String name) {
        if (name.length() < 2 || name.charAt(0) != '#') return -1;
        boolean hex = name.charAt(1) == 'x' || name.charAt(1) == 'X';
        try {
            int cp = Integer.parseInt(name.substring(hex ? 2 : 1), hex ? 16 : 10);
            return cp > 0 && Character.isValidCodePoint(cp) && !Character.isSurrogate((char) cp) ? cp : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Drops the {@code >} markers of quote lines and puts a blank line wherever quote and reply meet. */
    static String quotesAsParagraphs(String text) {
        if (text.indexOf('>') < 0) return text;
        StringBuilder out = new StringBuilder(text.length() + 16);
        boolean previousQuote = false;
        for (int lineStart = 0; lineStart <= text.length(); ) {
            int lineEnd = text.indexOf('\n', lineStart);
            if (lineEnd < 0) lineEnd = text.length();
            int content = quoteContent(text, lineStart, lineEnd);
            boolean quote = content >= 0;
            if (lineStart > 0 && quote != previousQuote) out.append('\n');
            out.append(text, quote ? content : lineStart, lineEnd);
            if (lineEnd < text.length()) out.append('\n');
            previousQuote = quote;
            lineStart = lineEnd + 1;
        }
        return out.toString();
    }

    /** Where the text of a quote line starts after its {@code >} markers (any nesting), or -1 if no quote. */
    private static int quoteContent(String text, int start, int end) {
        int i = skipBlanks(text, start, end);
        if (i == end || text.charAt(i) != '>') return -1;
        while (i < end && text.charAt(i) == '>') i = skipBlanks(text, i + 1, end);
        return i;
    }

    private static int skipBlanks(String text, int i, int end) {
        while (i < end && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) i++;
        return i;
    }
}
