package org.sparkrnnlm.core.text;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code nltk.word_tokenize} for one sentence: NLTK's {@code NLTKWordTokenizer} (3.10), the improved Penn
 * Treebank tokenizer. Its substitutions run in NLTK's order (STARTING_QUOTES, PUNCTUATION, PARENS_BRACKETS,
 * CONVERT_PARENTHESES off, DOUBLE_DASHES, ENDING_QUOTES, CONTRACTIONS2, CONTRACTIONS3), so
 * {@code don't -> do n't}, {@code "a" -> `` a ''}, {@code gonna -> gon na}, and only the sentence-final
 * period is split off ({@code e.g.} stays whole mid-sentence).
 *
 * <p>Each NLTK regex is written out as a small string edit (the regex is quoted above each method): the
 * regexes themselves cost 1-5 us each per sentence in {@code java.util.regex}, twenty of them far too
 * slow for gigabytes of comments. The edits use Python's definitions of {@code \w \d \s} and of
 * {@code re.sub}'s non-overlapping left-to-right matching, and return their input unchanged (no copy) when
 * they do not apply. Checked token for token against NLTK 3.10.3 on 800,000 fuzzed sentences and the
 * 54,000 sentences of the shared Reddit sample and Brown corpus.
 *
 * <p>One deliberate difference: URLs ({@code http://...}, {@code www....}) stay one token, where NLTK would cut
 * them at {@code :}, {@code ?}, {@code &}... Stateless, hence thread-safe.
 */
public final class TreebankWordTokenizer implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Tokens of one sentence, in NLTK's order; URLs whole. */
    public List<String> tokenize(String sentence) {
        return splitOnSpaces(spaced(sentence));
    }

    /**
     * The tokens of one sentence, in NLTK's order, URLs whole, as one string in which runs of spaces separate
     * them ({@link #tokenize} is its Python {@code str.split()}): a caller that only looks words up copies none.
     */
    public String spaced(String sentence) {
        UrlShield shield = UrlShield.hide(sentence);
        String t = shield.text();
        CharScan s = CharScan.of(t);
        t = startingQuotes(t, s);
        t = punctuation(t, s);
        t = padEach(t, BRACKETS, s); // PARENS_BRACKETS
        if (s.has('-')) t = t.replace("--", " -- "); // DOUBLE_DASHES
        t = endingQuotes(" " + t + " ", s);
        if (s.mayHoldContraction2) t = contractions2(t);
        if (s.apostrophe) t = contractions3(t);
        return shield.urls().isEmpty() ? t : String.join(" ", shield.restore(splitOnSpaces(t)));
    }

    private static String startingQuotes(String t, CharScan s) {
        if (s.nonAscii) t = padEach(t, OPENING_QUOTES, s); // ([«“‘„]|[`]+) -> " \1 "
        if (s.has('`')) t = padRuns(t, '`', 1);
        if (t.startsWith("\"")) t = "``" + t.substring(1); // ^\" -> ``
        if (s.backtick) t = t.replace("``", " `` "); // (``) -> " \1 "
        if (s.apostrophe) t = openingDoubleQuotes(t);
        return s.apostrophe ? openingSingleQuotes(t) : t;
    }

    private static String punctuation(String t, CharScan s) {
        if (s.has('.')) t = finalPeriod(t, "])}>\"'\u00bb\u201d\u2019 ", " . ");
        if (s.has(',') || s.has(':')) t = commasAndColons(t);
        if (s.has('.')) t = padRuns(t, '.', 2); // \.{2,} -> " \g<0> "
        t = padEach(t, SYMBOLS, s);
        t = padEach(t, DASHES, s);
        if (s.has('.')) t = finalPeriod(t, "])}>\"'", " .");
        t = padEach(t, QUESTION_EXCLAMATION, s);
        if (s.apostrophe) t = quoteBeforeSpace(t);
        return padEach(t, ASTERISK, s);
    }

    private static String endingQuotes(String t, CharScan s) {
        t = padEach(t, CLOSING_QUOTES, s); // ([»”’]) -> " \1 "
        if (s.apostrophe) t = t.replace("''", " '' ");
        if (s.has('"')) t = t.replace("\"", " '' ");
        if (s.otherSpace) t = replaceWhitespace(t);
        if (!s.apostrophe) return t;
        t = clitics(t, false);
        return clitics(t, true);
    }

    /**
     * What one pass over a sentence tells about it, so that the edits whose characters it lacks are skipped:
     * the ASCII characters it holds, whether it holds others, whitespace other than spaces, and whether a
     * CONTRACTIONS2 form may occur. The edits add only spaces and quotes: a {@code "} may become {@code ``}
     * or {@code ''}, so it counts as a backtick and an apostrophe too.
     */
    private static final class CharScan {
        private long low;
        private long high;
        boolean nonAscii;
        boolean otherSpace;
        boolean backtick;
        boolean apostrophe;
        boolean mayHoldContraction2;

        /**
         * Without a branch per char on which half of the mask it sets or on the trigram's middle: both depend
         * on the text and were mispredicted at most word boundaries.
         */
        static CharScan of(String t) {
            CharScan s = new CharScan();
            long low = 0;
            long high = 0;
            int abc = 0;
            boolean trigram = false;
            for (int i = 0; i < t.length(); i++) {
                char c = t.charAt(i);
                if (c >= 128) {
                    s.nonAscii = true;
                    continue;
                }
                long bit = 1L << c; // the shift takes c mod 64
                long inHigh = -(long) (c >>> 6);
                high |= bit & inHigh;
                low |= bit & ~inHigh;
                abc = (abc << 8 | lower(c)) & 0xFFFFFF;
                trigram |= isContraction2Trigram(abc);
            }
            s.low = low;
            s.high = high;
            boolean quote = s.has('"');
            s.backtick = quote || s.has('`');
            s.apostrophe = quote || s.has('\'');
            s.otherSpace = s.nonAscii || (s.low & OTHER_ASCII_SPACE) != 0;
            // With non-ASCII chars the trigrams above miss some (see mayHoldContraction2): ask the full filter.
            s.mayHoldContraction2 = s.nonAscii ? TreebankWordTokenizer.mayHoldContraction2(t) : trigram;
            return s;
        }

        /** The trigrams of {@link #mayHoldContraction2}, ASCII chars lowered by {@link #lower} and packed in an int. */
        private static final int[] TRIGRAMS = {'n' << 16 | 'n' << 8 | 'o', 'd' << 16 | '\'' << 8 | 'y', 'm' << 16 | 'm' << 8 | 'e',
            'n' << 16 | 'n' << 8 | 'a', 't' << 16 | 't' << 8 | 'a', 'e' << 16 | '\'' << 8 | 'n'};
        /** A multiplier that sends each trigram to its own entry of {@link #BY_HASH} (found once, at class load). */
        private static final int MULTIPLIER;
        /** Each trigram at its hash, -1 elsewhere: one load and compare per char instead of six compares. */
        private static final int[] BY_HASH = new int[64];

        static {
            int m = 0x9E3779B9;
            while (!placesApart(m)) m += 2;
            MULTIPLIER = m;
            Arrays.fill(BY_HASH, -1);
            for (int code : TRIGRAMS) BY_HASH[(code * m) >>> 26] = code;
        }

        private static boolean placesApart(int m) {
            long seen = 0;
            for (int code : TRIGRAMS) {
                long bit = 1L << ((code * m) >>> 26);
                if ((seen & bit) != 0) return false;
                seen |= bit;
            }
            return true;
        }

        private static boolean isContraction2Trigram(int abc) {
            return BY_HASH[(abc * MULTIPLIER) >>> 26] == abc;
        }

        /** Whether the sentence may hold {@code c}: any non-ASCII char counts as present once one is. */
        boolean has(char c) {
            if (c >= 128) return nonAscii;
            return ((c < 64 ? low >>> c : high >>> (c - 64)) & 1) != 0;
        }

        private static final long OTHER_ASCII_SPACE;

        static {
            long m = 0;
            for (char c = 0; c < 64; c++) if (c != ' ' && isPythonSpace(c)) m |= 1L << c;
            OTHER_ASCII_SPACE = m;
        }
    }

    // ---- Edits that stand for context-free NLTK regexes -------------------------------------------------

    /** {@code [chars] -> " \g<0> "}, as {@link String#replace}, for the chars the sentence may hold. */
    private static String padEach(String t, String[] charsAndPadded, CharScan s) {
        for (int i = 0; i < charsAndPadded.length; i += 2) {
            if (s.has(charsAndPadded[i].charAt(0))) t = t.replace(charsAndPadded[i], charsAndPadded[i + 1]);
        }
        return t;
    }

    /** {@code {"[", " [ ", "]", " ] ", ...}} for {@link #padEach}. */
    private static String[] pads(String chars) {
        String[] pads = new String[2 * chars.length()];
        for (int i = 0; i < chars.length(); i++) {
            pads[2 * i] = String.valueOf(chars.charAt(i));
            pads[2 * i + 1] = " " + chars.charAt(i) + " ";
        }
        return pads;
    }

    private static final String[] OPENING_QUOTES = pads("\u00ab\u201c\u2018\u201e");
    private static final String[] SYMBOLS = pads(";@#$%&");
    private static final String[] DASHES = pads("\u2012\u2013\u2014\u2015"); // figure, en, em dash, horizontal bar
    private static final String[] QUESTION_EXCLAMATION = pads("?!");
    private static final String[] ASTERISK = pads("*");
    private static final String[] BRACKETS = pads("[](){}<>");
    private static final String[] CLOSING_QUOTES = pads("\u00bb\u201d\u2019");

    /** {@code c{minRun,} -> " \g<0> "}: a run of {@code c} is padded as one token. */
    private static String padRuns(String t, char c, int minRun) {
        int at = t.indexOf(c);
        if (at < 0) return t;
        StringBuilder b = new StringBuilder(t.length() + 8);
        int last = 0;
        for (; at >= 0; at = t.indexOf(c, at)) {
            int end = at;
            while (end < t.length() && t.charAt(end) == c) end++;
            if (end - at >= minRun) b.append(t, last, at).append(' ').append(t, at, end).append(' ');
            else b.append(t, last, end);
            last = at = end;
        }
        return b.append(t, last, t.length()).toString();
    }

    /**
     * NLTK's {@code \s+ -> " "}, as one space per whitespace character: the rules after it look at one space
     * either side at most, so runs of spaces change nothing.
     */
    private static String replaceWhitespace(String t) {
        char[] chars = t.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (isPythonSpace(chars[i])) chars[i] = ' ';
        }
        return new String(chars);
    }

    // ---- Edits that stand for NLTK regexes with context -------------------------------------------------

    /** {@code ([ \(\[{<])(\"|\'{2}) -> "\1 `` "}: a double quote after a space or an opening bracket opens. */
    private static String openingDoubleQuotes(String t) {
        if (t.indexOf('"') < 0 && !t.contains("''")) return t;
        Edit e = new Edit(t);
        for (int i = 0; i + 1 < t.length(); i++) {
            if (" ([{<".indexOf(t.charAt(i)) < 0) continue;
            int quote = t.charAt(i + 1) == '"' ? 1 : t.startsWith("''", i + 1) ? 2 : 0;
            if (quote == 0) continue;
            e.replace(i + 1, i + 1 + quote, " `` ");
            i += quote;
        }
        return e.result();
    }

    /**
     * {@code (?i)(?<!\w)(\')(?!(?:re|ve|ll|m|t|s|d|n)\b)(?=\w) -> "\1 "}: a quote that opens a word is cut off
     * it, unless what follows is a clitic ({@code 're 've 'll 'm 't 's 'd 'n}).
     */
    private static String openingSingleQuotes(String t) {
        Edit e = new Edit(t);
        for (int q = t.indexOf('\''); q >= 0; q = t.indexOf('\'', q + 1)) {
            if (!wordBefore(t, q) && wordAt(t, q + 1) && !startsClitic(t, q + 1)) e.replace(q + 1, q + 1, " ");
        }
        return e.result();
    }

    private static final String[] OPENING_CLITICS = {"re", "ve", "ll", "m", "t", "s", "d", "n"};

    private static boolean startsClitic(String t, int i) {
        for (String c : OPENING_CLITICS) {
            if (t.regionMatches(true, i, c, 0, c.length()) && !wordAt(t, i + c.length())) return true;
        }
        return false;
    }

    /**
     * {@code ([^\.])(\.)([\]\)}>"\'»”’ ]*)\s*$ -> "\1 \2 \3 "}, and later without {@code »”’} and space and to
     * {@code "\1 \2\3 "}: the last period is split off if only closing brackets, quotes and whitespace follow.
     */
    private static String finalPeriod(String t, String closers, String replacement) {
        int p = t.lastIndexOf('.');
        if (p < 1 || t.charAt(p - 1) == '.') return t;
        int end = p + 1;
        while (end < t.length() && closers.indexOf(t.charAt(end)) >= 0) end++;
        for (int k = end; k < t.length(); k++) {
            if (!isPythonSpace(t.charAt(k))) return t;
        }
        return new StringBuilder(end + 4).append(t, 0, p).append(replacement).append(t, p + 1, end).append(' ').toString();
    }

    /**
     * {@code ([:,])([^\d]) -> " \1 \2"} then {@code ([:,])$ -> " \1 "}: commas and colons are split off unless
     * a digit follows, so {@code 1,000} and {@code 10:30} stay whole.
     */
    private static String commasAndColons(String t) {
        Edit e = new Edit(t);
        for (int i = nextCommaOrColon(t, 0); i >= 0 && i + 1 < t.length(); i = nextCommaOrColon(t, i + 1)) {
            if (!Character.isDigit(t.codePointAt(i + 1))) {
                e.replace(i, i + 1, t.charAt(i) == ',' ? " , " : " : ");
                if (isCommaOrColon(t.charAt(i + 1))) i++; // consumed as \2: not split itself
            }
        }
        t = e.result();
        // Python's $ also matches before a final newline.
        int last = t.endsWith("\n") ? t.length() - 2 : t.length() - 1;
        if (last < 0 || !isCommaOrColon(t.charAt(last))) return t;
        return t.substring(0, last) + " " + t.charAt(last) + " " + t.substring(last + 1);
    }

    /** The first {@code ,} or {@code :} at or after {@code from}, or -1. */
    private static int nextCommaOrColon(String t, int from) {
        int comma = t.indexOf(',', from);
        int colon = t.indexOf(':', from);
        return comma < 0 ? colon : colon < 0 ? comma : Math.min(comma, colon);
    }

    private static boolean isCommaOrColon(char c) {
        return c == ',' || c == ':';
    }

    /** {@code ([^'])' -> "\1 ' "}: a closing single quote before a space. */
    private static String quoteBeforeSpace(String t) {
        Edit e = new Edit(t);
        int last = 0;
        for (int q = t.indexOf("' "); q >= 0; q = t.indexOf("' ", q + 1)) {
            if (q - 1 < last || t.charAt(q - 1) == '\'') continue; // \1 must not be inside the previous match
            e.replace(q, q + 1, " '");
            last = q + 2;
        }
        return e.result();
    }

    /**
     * {@code ([^' ])('[sS]|'[mM]|'[dD]|') -> "\1 \2 "}, or with {@code threeLetter}
     * {@code ([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) -> "\1 \2 "}: a clitic before a space leaves its word.
     */
    private static String clitics(String t, boolean threeLetter) {
        Edit e = new Edit(t);
        int last = 0;
        for (int q = t.indexOf('\''); q >= 0; q = t.indexOf('\'', q + 1)) {
            int start = threeLetter ? threeLetterClitic(t, q) : q;
            int length = threeLetter ? 3 : oneOrTwoLetterClitic(t, q);
            if (start < 1 || length == 0 || start - 1 < last) continue;
            char before = t.charAt(start - 1);
            if (before == '\'' || before == ' ') continue;
            e.replace(start, start, " ");
            last = start + length + 1;
        }
        return e.result();
    }

    /** Length of {@code 's 'm 'd} (2) or {@code '} (1) at {@code q} when a space follows, else 0. */
    private static int oneOrTwoLetterClitic(String t, int q) {
        if (q + 2 < t.length() && "sSmMdD".indexOf(t.charAt(q + 1)) >= 0 && t.charAt(q + 2) == ' ') return 2;
        return q + 1 < t.length() && t.charAt(q + 1) == ' ' ? 1 : 0;
    }

    private static final String[] THREE_LETTER_CLITICS = {"'ll", "'LL", "'re", "'RE", "'ve", "'VE"};

    /** Start of {@code 'll 're 've} (at q) or {@code n't} (at q - 1) followed by a space, or -1. */
    private static int threeLetterClitic(String t, int q) {
        if (q + 3 >= t.length() || t.charAt(q + 3) == ' ') {
            for (String c : THREE_LETTER_CLITICS) {
                if (t.startsWith(c, q)) return q;
            }
        }
        boolean nt = q >= 1 && (t.startsWith("n't ", q - 1) || t.startsWith("N'T ", q - 1));
        return nt ? q - 1 : -1;
    }

    /** CONTRACTIONS2, as {@code (?i)\b(gon)(na)\b -> " \1 \2 "}; {@code wanna} needs whitespace after it. */
    private static final String[][] CONTRACTIONS2 = {
        {"can", "not"}, {"d", "'ye"}, {"gim", "me"}, {"gon", "na"}, {"got", "ta"}, {"lem", "me"}, {"more", "'n"},
        {"wan", "na"},
    };

    /**
     * NLTK runs the eight regexes one after the other; each matches a whole word and only splits inside it,
     * so a single left-to-right pass finds the same matches.
     */
    private static String contractions2(String t) {
        if (!mayHoldContraction2(t)) return t;
        Edit e = new Edit(t);
        boolean previousIsWord = false;
        for (int i = 0; i < t.length(); i++) {
            boolean isWord = wordCharAt(t, i);
            if (isWord && !previousIsWord) {
                int end = contraction2At(t, i, e);
                if (end > i) {
                    i = end - 1;
                    isWord = true; // every form ends in a letter
                }
            }
            previousIsWord = isWord;
        }
        return e.result();
    }

    /**
     * False only if no CONTRACTIONS2 form can occur in {@code t}: each holds one of the trigrams {@code nno}
     * (cannot), {@code d'y}, {@code mme} (gimme, lemme), {@code nna} (gonna, wanna), {@code tta} (gotta),
     * {@code e'n} (more'n), compared ASCII-case-insensitively. Any non-ASCII char counts as a match, since
     * {@link String#regionMatches(boolean, int, String, int, int)} lets some ({@code \u0131}, {@code \u017f},
     * {@code \u212a}) match ASCII letters. Most sentences hold none, and skip the word-by-word scan.
     */
    private static boolean mayHoldContraction2(String t) {
        for (int i = 0; i + 2 < t.length(); i++) {
            char b = t.charAt(i + 1);
            if (b < 128 && !TRIGRAM_MIDDLE[b]) continue; // n m t ' in either case: the middle of every trigram
            int m = lower(b);
            int a = lower(t.charAt(i));
            int c = lower(t.charAt(i + 2));
            for (int code : CharScan.TRIGRAMS) {
                if (trigram(a, m, c, code >>> 16, (code >>> 8) & 0xFF, code & 0xFF)) return true;
            }
        }
        return false;
    }

    private static final boolean[] TRIGRAM_MIDDLE = new boolean[128];

    static {
        for (char c : "nNmMtT'".toCharArray()) TRIGRAM_MIDDLE[c] = true;
    }

    /** ASCII lowercase (a superset for non-letters, which only makes the filter looser), '*' for non-ASCII. */
    private static int lower(char c) {
        return c >= 128 ? '*' : c | 0x20;
    }

    private static boolean trigram(int a, int b, int c, int x, int y, int z) {
        return (a == x || a == '*') && (b == y || b == '*') && (c == z || c == '*');
    }

    /** Splits the contraction starting at word start {@code i} into {@code e}; its end, or -1 if none. */
    private static int contraction2At(String t, int i, Edit e) {
        char first = (char) (t.charAt(i) | 0x20); // lowercase for ASCII letters, which all forms start with
        for (String[] c : CONTRACTIONS2) {
            if (c[0].charAt(0) != first) continue;
            int split = i + c[0].length();
            int end = split + c[1].length();
            if (!t.regionMatches(true, i, c[0], 0, c[0].length()) || !t.regionMatches(true, split, c[1], 0, c[1].length())) continue;
            boolean ends = c[0].equals("wan") ? end < t.length() && isPythonSpace(t.charAt(end)) : !wordAt(t, end);
            if (!ends) continue;
            e.replace(i, end, " " + t.substring(i, split) + " " + t.substring(split, end) + " ");
            return end;
        }
        return -1;
    }

    /**
     * CONTRACTIONS3, {@code (?i) ('t)(is)\b} then {@code (?i) ('t)(was)\b -> " \1 \2 "}: 'tis, 'twas. Two
     * passes as in NLTK: splitting {@code 'tis'twas} puts the space before {@code 'twas} that the second needs.
     */
    private static String contractions3(String t) {
        return splitTis(splitTis(t, "is"), "was");
    }

    private static String splitTis(String t, String rest) {
        Edit e = new Edit(t);
        for (int q = t.indexOf('\''); q >= 0; q = t.indexOf('\'', q + 1)) {
            int end = q + 2 + rest.length();
            if (q < 1 || t.charAt(q - 1) != ' ' || !t.regionMatches(true, q + 1, "t", 0, 1)
                    || !t.regionMatches(true, q + 2, rest, 0, rest.length()) || wordAt(t, end)) continue;
            e.replace(q - 1, end, " " + t.substring(q, q + 2) + " " + t.substring(q + 2, end) + " ");
        }
        return e.result();
    }

    /** Replacements at increasing positions of one string, copied only if there is at least one. */
    private static final class Edit {
        private final String source;
        private StringBuilder out;
        private int copied;

        Edit(String source) {
            this.source = source;
        }

        void replace(int start, int end, String replacement) {
            if (out == null) out = new StringBuilder(source.length() + 16);
            out.append(source, copied, start).append(replacement);
            copied = end;
        }

        String result() {
            return out == null ? source : out.append(source, copied, source.length()).toString();
        }
    }

    // ---- Python's character classes ---------------------------------------------------------------------

    /** Python's {@code \w}: letters, digits and other numbers, underscore; unlike Java, no combining marks. */
    static boolean isWordChar(int cp) {
        if (cp < 128) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') || cp == '_';
        if (Character.isLetter(cp)) return true;
        int type = Character.getType(cp);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
    }

    /** {@link #isWordChar} of the code point that the char at {@code i} belongs to. */
    private static boolean wordCharAt(String t, int i) {
        char c = t.charAt(i);
        if (c < 128) return ASCII_WORD[c];
        return isWordChar(Character.isLowSurrogate(c) ? t.codePointBefore(i + 1) : t.codePointAt(i));
    }

    private static final boolean[] ASCII_WORD = new boolean[128];

    static {
        for (int c = 0; c < 128; c++) ASCII_WORD[c] = Character.isLetterOrDigit(c) || c == '_';
    }

    private static boolean wordBefore(String t, int i) {
        return i > 0 && isWordChar(t.codePointBefore(i));
    }

    private static boolean wordAt(String t, int i) {
        return i < t.length() && isWordChar(t.codePointAt(i));
    }

    /** {@code str.isspace()}: Java's whitespace plus the no-break spaces, and NEL (U+0085). */
    static boolean isPythonSpace(char c) {
        return PYTHON_SPACE[c];
    }

    /** {@link #isPythonSpace} of every char, computed once: a lookup instead of Character's tables per char. */
    private static final boolean[] PYTHON_SPACE = new boolean[Character.MAX_VALUE + 1];

    static {
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            PYTHON_SPACE[c] = c > ' '
                    ? c >= '\u0085' && (c == '\u0085' || c == '\u00a0' || c >= '\u1680' && (Character.isWhitespace(c) || Character.isSpaceChar(c)))
                    : c == ' ' || (c >= '\t' && c <= '\r') || c >= '\u001c';
        }
    }

    /** Python's {@code str.split()}, for text whose only whitespace is spaces since {@link #replaceWhitespace}. */
    private static List<String> splitOnSpaces(String text) {
        List<String> tokens = new ArrayList<>(Math.max(10, text.length() / 4));
        int start = 0;
        for (int space = text.indexOf(' '); space >= 0; space = text.indexOf(' ', start)) {
            if (space > start) tokens.add(text.substring(start, space));
            start = space + 1;
        }
        if (start < text.length()) tokens.add(text.substring(start));
        return tokens;
    }

    /**
     * URLs replaced by a placeholder word that no edit touches, then put back, in order, into whichever
     * tokens hold the placeholder. A text that already contains the placeholder's private-use character is
     * left alone: its URLs get NLTK's treatment.
     */
    private record UrlShield(String text, List<String> urls) {
        private static final Pattern URL = Pattern.compile("(?<![\\w/])(?:(?:https?|ftp)://|www\\.)\\S+",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CHARACTER_CLASS);
        private static final char MARK = '\ue000';
        private static final String PLACEHOLDER = "u" + MARK + "u";

        static UrlShield hide(String text) {
            if ((!text.contains("://") && !text.contains("www.")) || text.indexOf(MARK) >= 0) {
                return new UrlShield(text, List.of());
            }
            List<String> urls = new ArrayList<>();
            StringBuilder out = new StringBuilder(text.length());
            Matcher m = URL.matcher(text);
            int last = 0;
            while (m.find()) {
                int end = m.start() + trimmedLength(text, m.start(), m.end());
                out.append(text, last, m.start()).append(PLACEHOLDER);
                urls.add(text.substring(m.start(), end));
                last = end;
            }
            if (urls.isEmpty()) return new UrlShield(text, List.of());
            return new UrlShield(out.append(text, last, text.length()).toString(), urls);
        }

        /**
         * Trailing punctuation belongs to the sentence; a closing bracket only if the URL has more closing than
         * opening ones, so {@code wiki/Foo_(bar)} keeps its {@code )}. Balances are counted once: linear.
         */
        private static int trimmedLength(String text, int start, int end) {
            int parens = balance(text, start, end, '(', ')');
            int brackets = balance(text, start, end, '[', ']');
            while (end > start + 1) {
                char c = text.charAt(end - 1);
                if (c == ')' && parens < 0) parens++;
                else if (c == ']' && brackets < 0) brackets++;
                else if (".,;:!?'\"*}>".indexOf(c) < 0) break;
                end--;
            }
            return end - start;
        }

        private static int balance(String text, int start, int end, char open, char close) {
            int depth = 0;
            for (int i = start; i < end; i++) {
                char c = text.charAt(i);
                if (c == open) depth++;
                else if (c == close) depth--;
            }
            return depth;
        }

        List<String> restore(List<String> tokens) {
            if (urls.isEmpty()) return tokens;
            int next = 0;
            for (int i = 0; i < tokens.size() && next < urls.size(); i++) {
                String t = tokens.get(i);
                if (!t.contains(PLACEHOLDER)) continue;
                Edit e = new Edit(t);
                for (int at = t.indexOf(PLACEHOLDER); at >= 0 && next < urls.size(); at = t.indexOf(PLACEHOLDER, at + 1)) {
                    e.replace(at, at + PLACEHOLDER.length(), urls.get(next++));
                }
                tokens.set(i, e.result());
            }
            return tokens;
        }
    }
}
