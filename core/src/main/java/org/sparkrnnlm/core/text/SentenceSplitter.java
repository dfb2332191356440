package org.sparkrnnlm.core.text;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code nltk.sent_tokenize} (Punkt, English model) as rules, for text that is already lowercased as in the
 * tutorial ({@code sent_tokenize(x.lower())}). On lowercased text Punkt reduces to:
 * <ul>
 *   <li>{@code ?} and {@code !} end a sentence;</li>
 *   <li>a word ending in one {@code .} ends a sentence, unless it is a known abbreviation ({@code mr.},
 *       {@code e.g.}, {@code u.s.}, {@code etc.}), a single-letter initial or a number ({@code 1990.}): Punkt
 *       only lets those end a sentence before a capitalised word, and there are none left;</li>
 *   <li>an ellipsis ({@code ..}, {@code ...}) is not an end, for the same reason;</li>
 *   <li>the end must be followed by whitespace (or the end of the text), after any closing quotes and
 *       brackets, which stay with the sentence they close. So {@code 3.5}, {@code e.g.x} and URLs never
 *       split.</li>
 * </ul>
 * Added to Punkt: a blank line (paragraph break) always ends a sentence; a single newline is whitespace.
 * Sentences are returned trimmed, never empty. Stateless, hence thread-safe.
 */
public final class SentenceSplitter implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * Common English abbreviations (Punkt's model holds the ones it learnt from news text). Those that are
     * also everyday words ({@code no}, {@code ill}, {@code mass}, {@code sun}, {@code min}) are left out, so
     * that the lowercased "i said no. then" still splits. Dotted forms like {@code e.g} are matched by shape.
     */
    private static final Set<String> ABBREVIATIONS = Set.of(
            "mr", "mrs", "ms", "messrs", "dr", "prof", "rev", "hon", "st", "jr", "sr", "sgt", "capt", "col",
            "gen", "lt", "maj", "cmdr", "adm", "gov", "sen", "rep", "pres", "vs", "etc", "cf", "viz", "al",
            "approx", "dept", "est", "inc", "ltd", "co", "corp", "bros", "jan", "feb", "apr", "aug", "sep",
            "sept", "oct", "nov", "dec", "mt", "ft", "ave", "blvd", "rd", "vol", "pp", "ca", "esp", "govt",
            "assn", "univ", "calif", "jul", "jun");
    /** Punkt's non-word characters: a word before a period starts after the last of these. */
    private static final String NON_WORD = "()\"'{}[]*:;@!?,";
    /**
     * Closing punctuation that stays with the sentence it ends ({@code he said "stop."}); Punkt's own list
     * plus the curly quotes and markdown's {@code *} ({@code *i am a bot.*}).
     */
    private static final String CLOSERS = "\"')]}\u00bb\u201d\u2019*";

    public List<String> split(String text) {
        List<String> sentences = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '.' || c == '?' || c == '!') {
                int marksEnd = skip(text, i, ".?!");
                int end = skip(text, marksEnd, CLOSERS);
                if (followedBySpace(text, end) && endsSentence(text, i, marksEnd)) {
                    add(sentences, text, start, end);
                    start = end;
                }
                i = marksEnd;
            } else if (c == '\n') {
                int next = afterBlankLine(text, i);
                if (next > i) {
                    add(sentences, text, start, i);
                    start = next;
                }
                i = Math.max(next, i + 1);
            } else {
                i++;
            }
        }
        add(sentences, text, start, text.length());
        return sentences;
    }

    private static int skip(String text, int i, String chars) {
        while (i < text.length() && chars.indexOf(text.charAt(i)) >= 0) i++;
        return i;
    }

    private static boolean followedBySpace(String text, int i) {
        return i == text.length() || TreebankWordTokenizer.isPythonSpace(text.charAt(i));
    }

    /** Whether the run of {@code .?!} at {@code [i, marksEnd)} ends a sentence. */
    private static boolean endsSentence(String text, int i, int marksEnd) {
        for (int k = i; k < marksEnd; k++) {
            if (text.charAt(k) != '.') return true; // ? or ! anywhere in the run
        }
        if (marksEnd - i > 1) return false; // ellipsis
        return !isAbbreviationLike(wordBefore(text, i));
    }

    /**
     * The Punkt word that the period at {@code i} ends: back to whitespace or a non-word character, which
     * starts the word itself if Punkt lets words start with it ({@code ' ! ?}): {@code can't.} ends in the
     * word {@code 't}, not in the initial {@code t}.
     */
    private static String wordBefore(String text, int i) {
        int s = i;
        while (s > 0) {
            char c = text.charAt(s - 1);
            if (TreebankWordTokenizer.isPythonSpace(c)) break;
            if (NON_WORD.indexOf(c) >= 0) {
                if ("'!?".indexOf(c) >= 0) s--;
                break;
            }
            s--;
        }
        return text.substring(s, i);
    }

    /** Abbreviations, initials and numbers: Punkt ends a sentence after them only before a capital. */
    private static boolean isAbbreviationLike(String word) {
        if (word.isEmpty()) return false;
        String w = isLowerAscii(word) ? word : word.toLowerCase(Locale.ROOT);
        if (w.length() == 1 && (Character.isLetter(w.charAt(0)) || w.charAt(0) == '_')) return true; // "j. smith"
        if (isAbbreviation(w) || isAbbreviation(w.substring(w.lastIndexOf('-') + 1))) return true;
        return (w.indexOf('.') > 0 && isDotted(w)) || isNumber(w);
    }

    /** ASCII without capitals: what {@link String#toLowerCase} would return unchanged, found without its tables. */
    private static boolean isLowerAscii(String w) {
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            if (c >= 128 || (c >= 'A' && c <= 'Z')) return false;
        }
        return true;
    }

    /** Lengths outside the list's skip the set's hashing: most words before a period are longer. */
    private static boolean isAbbreviation(String w) {
        return w.length() >= 2 && w.length() <= MAX_ABBREVIATION && ABBREVIATIONS.contains(w);
    }

    private static final int MAX_ABBREVIATION = ABBREVIATIONS.stream().mapToInt(String::length).max().orElse(0);

    /**
     * Letters joined by periods: e.g, i.e, u.s, u.s.a, a.m, p.m, ph.d (the final period is not included). The
     * regex {@code \p{L}{1,2}+(?:\.\p{L}{1,2}+)++} as a scan: runs of one or two letters (code points),
     * at least two of them, each period between two runs.
     */
    static boolean isDotted(String w) {
        int runs = 0;
        int i = 0;
        while (true) {
            int letters = 0;
            while (i < w.length() && letters <= 2) {
                int cp = w.codePointAt(i);
                if (!Character.isLetter(cp)) break;
                letters++;
                i += Character.charCount(cp);
            }
            if (letters == 0 || letters > 2) return false;
            runs++;
            if (i == w.length()) return runs >= 2;
            if (w.charAt(i) != '.') return false;
            i++;
        }
    }

    /**
     * Punkt's number type, {@code ^-?[.,]?\d[\d,.-]*\.?$} without the final period: the regex
     * {@code -?[.,]?\d[\d,.\-]*+} (Unicode digits) as a scan.
     */
    static boolean isNumber(String w) {
        int i = 0;
        if (i < w.length() && w.charAt(i) == '-') i++;
        if (i < w.length() && (w.charAt(i) == '.' || w.charAt(i) == ',')) i++;
        if (i == w.length() || !Character.isDigit(w.codePointAt(i))) return false;
        i += Character.charCount(w.codePointAt(i));
        while (i < w.length()) {
            int cp = w.codePointAt(i);
            if (!Character.isDigit(cp) && cp != ',' && cp != '.' && cp != '-') return false;
            i += Character.charCount(cp);
        }
        return true;
    }

    /** If the newline at {@code i} ends a line followed by a blank line, the index after that blank line. */
    private static int afterBlankLine(String text, int i) {
        int k = i + 1;
        while (k < text.length() && text.charAt(k) != '\n' && TreebankWordTokenizer.isPythonSpace(text.charAt(k))) k++;
        return k < text.length() && text.charAt(k) == '\n' ? k + 1 : -1;
    }

    private static void add(List<String> sentences, String text, int start, int end) {
        while (start < end && TreebankWordTokenizer.isPythonSpace(text.charAt(start))) start++;
        while (end > start && TreebankWordTokenizer.isPythonSpace(text.charAt(end - 1))) end--;
        if (start < end) sentences.add(text.substring(start, end));
    }
}
