package org.sparkrnnlm.core.text;

import java.util.List;

/**
 * {@link TreebankWordTokenizer} with a memory: gives exactly its tokens, as ids of the caller's dictionary, but
 * runs its string edits once per distinct piece of text instead of once per sentence.
 *
 * <p>Why a sentence can be cut into pieces: every edit of the Treebank chain looks at most one character to
 * either side of what it rewrites, and no edit removes a space, so the tokens of a sentence are the tokens of
 * its chunks (runs of non-space characters) one after the other, each chunk tokenized between spaces. Three
 * things look further, and decide how a piece is tokenized here:
 * <ul>
 *   <li>the start of the text ({@code ^"} and an opening {@code ''} need a character before them): the first
 *       chunk, when it starts the sentence, is tokenized as {@code chunk + " a"} without the last token;</li>
 *   <li>the end of the text (the final period, {@code ([:,])$}): the final period rule skips closing quotes,
 *       brackets and spaces back to the last period, so the tail (the last chunk holding anything but those,
 *       and all after it) is one piece, tokenized as {@code "a " + tail} without the first token; a sentence
 *       that is all tail is tokenized whole;</li>
 *   <li>URLs, which the tokenizer keeps whole with a regex that looks anywhere: a sentence with {@code ://},
 *       {@code www.} or the URL placeholder's character is tokenized whole, never remembered.</li>
 * </ul>
 * Every other chunk is tokenized as {@code "a " + chunk + " a"} without the first and last token: a neutral
 * word on both sides, as any neighbour looks to the chunk across its space. A sentinel that does not come back
 * as its own token (which the rules above exclude) sends the sentence to the whole-sentence path.
 *
 * <p>Words repeat (Zipf), so nearly every chunk is a hit: a hash of its chars and a copy of its ids. The memory
 * is bounded ({@link ChunkMemo}). Not thread-safe: one per task.
 */
public final class MemoWordTokenizer {
    /** The caller's dictionary: the id of a word, numbered on first sight. Ids must never change. */
    public interface WordIds {
        int id(String word);
    }

    private static final int FIRST = 1;
    private static final int MIDDLE = 2;
    private static final int TAIL = 3;
    private static final int WHOLE = 4;
    private static final String SENTINEL = "a";

    private final TreebankWordTokenizer reference = new TreebankWordTokenizer();
    private final WordIds dictionary;
    private final ChunkMemo memo;
    private int[] ids = new int[64];
    private int[] pieceIds = new int[16];

    public MemoWordTokenizer(WordIds dictionary) {
        this(dictionary, 1 << 20, 1 << 23);
    }

    /** At most {@code maxEntries} pieces are remembered at a time, in {@code maxInts} ints (4 bytes each) in all. */
    MemoWordTokenizer(WordIds dictionary, int maxEntries, int maxInts) {
        this.dictionary = dictionary;
        this.memo = new ChunkMemo(maxEntries, maxInts);
    }

    /**
     * The tokens of {@code text.substring(from, to)} as {@link TreebankWordTokenizer#tokenize} gives them, as
     * ids in {@link #ids()}{@code [0, n)}; returns n.
     */
    public int tokenize(String text, int from, int to) {
        int tail = tailStart(text, from, to);
        int n = 0;
        int i = from;
        while (i < tail) {
            if (text.charAt(i) == ' ') {
                i++;
                continue;
            }
            int start = i;
            int kind = start == from ? FIRST : MIDDLE;
            int h = kind;
            for (char c; i < tail && (c = text.charAt(i)) != ' '; i++) {
                if (mayStartUrl(c) && startsUrl(text, i, to)) return whole(text, from, to);
                h = 31 * h + c;
            }
            n = append(n, kind, h, text, start, i);
            if (n < 0) return whole(text, from, to);
        }
        int kind = tail == from ? WHOLE : TAIL;
        int h = kind;
        for (int k = tail; k < to; k++) {
            char c = text.charAt(k);
            if (mayStartUrl(c) && startsUrl(text, k, to)) return whole(text, from, to);
            h = 31 * h + c;
        }
        n = append(n, kind, h, text, tail, to);
        return n < 0 ? whole(text, from, to) : n;
    }

    /** The ids of the last sentence tokenized, valid until the next call. */
    public int[] ids() {
        return ids;
    }

    /** Appends the ids of one piece after ids[0, n); the new n, or -1 if the piece must not be cut out. */
    private int append(int n, int kind, int hash, String text, int from, int to) {
        int e = memo.find(hash, kind, text, from, to);
        int[] source;
        int start;
        int length;
        if (e >= 0) {
            source = memo.values();
            start = memo.valueStart(e);
            length = memo.valueLength(e);
        } else {
            length = tokenizePiece(kind, text.substring(from, to));
            if (length < 0) return -1;
            memo.put(hash, kind, text, from, to, pieceIds, length);
            source = pieceIds;
            start = 0;
        }
        if (n + length > ids.length) ids = java.util.Arrays.copyOf(ids, Math.max(n + length, 2 * ids.length));
        System.arraycopy(source, start, ids, n, length);
        return n + length;
    }

    /** The piece's tokens, as its kind says, into pieceIds; their number, or -1 if a sentinel did not stay whole. */
    private int tokenizePiece(int kind, String piece) {
        if (isPlainWord(piece)) {
            pieceIds[0] = dictionary.id(piece);
            return 1;
        }
        boolean before = kind == MIDDLE || kind == TAIL;
        boolean after = kind == FIRST || kind == MIDDLE;
        List<String> tokens = reference.tokenize((before ? SENTINEL + " " : "") + piece + (after ? " " + SENTINEL : ""));
        int first = before ? 1 : 0;
        int end = tokens.size() - (after ? 1 : 0);
        if (end < first || (before && !tokens.get(0).equals(SENTINEL)) || (after && !tokens.get(end).equals(SENTINEL))) return -1;
        if (end - first > pieceIds.length) pieceIds = new int[Math.max(end - first, 2 * pieceIds.length)];
        for (int k = first; k < end; k++) pieceIds[k - first] = dictionary.id(tokens.get(k));
        return end - first;
    }

    /** The sentence through the reference tokenizer, not remembered. */
    private int whole(String text, int from, int to) {
        List<String> tokens = reference.tokenize(text.substring(from, to));
        if (tokens.size() > ids.length) ids = new int[Math.max(tokens.size(), 2 * ids.length)];
        for (int k = 0; k < tokens.size(); k++) ids[k] = dictionary.id(tokens.get(k));
        return tokens.size();
    }

    /** Forms that CONTRACTIONS2 splits and that hold nothing but letters: cannot, gimme, gonna, gotta, lemme, wanna. */
    private static final String[] SPLIT_WORDS = {"cannot", "gimme", "gonna", "gotta", "lemme", "wanna"};

    /**
     * A chunk of ASCII letters, digits and underscores is one token, whatever its kind: every Treebank edit but
     * CONTRACTIONS2 acts on punctuation, quotes or whitespace, and CONTRACTIONS2 splits only the six forms above
     * (in any case) among such words. Most pieces a new memory meets are plain words: they skip the edits.
     */
    static boolean isPlainWord(String piece) {
        for (int i = 0; i < piece.length(); i++) {
            char c = piece.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c == '_')) return false;
        }
        for (String w : SPLIT_WORDS) {
            if (piece.equalsIgnoreCase(w)) return false;
        }
        return !piece.isEmpty();
    }

    /**
     * Where the tail starts: the last chunk holding a character that the final period rules do not skip, or
     * {@code from} if there is none. Chunks are separated by the space character only; other whitespace stays
     * inside chunks, where the reference tokenizer sees it as it would in the sentence.
     */
    static int tailStart(String text, int from, int to) {
        int i = to;
        while (true) {
            while (i > from && text.charAt(i - 1) == ' ') i--;
            if (i == from) return from;
            boolean plain = false;
            for (; i > from && text.charAt(i - 1) != ' '; i--) {
                if (!isSkippedAtEnd(text.charAt(i - 1))) plain = true;
            }
            if (plain) return i;
        }
    }

    /** Characters the final period rules skip: closing brackets and quotes (both rules' sets), and whitespace. */
    private static boolean isSkippedAtEnd(char c) {
        return "])}>\"'\u00bb\u201d\u2019".indexOf(c) >= 0 || TreebankWordTokenizer.isPythonSpace(c);
    }

    private static boolean mayStartUrl(char c) {
        return c == ':' || c == 'w' || c == '\ue000';
    }

    /** The tokenizer's URL shield acts on a sentence holding {@code ://}, {@code www.} or its placeholder char. */
    private static boolean startsUrl(String text, int i, int to) {
        char c = text.charAt(i);
        if (c == '\ue000') return true;
        if (c == ':') return i + 2 < to && text.charAt(i + 1) == '/' && text.charAt(i + 2) == '/';
        return i + 3 < to && text.charAt(i + 1) == 'w' && text.charAt(i + 2) == 'w' && text.charAt(i + 3) == '.';
    }
}
