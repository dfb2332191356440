package org.sparkrnnlm.jobs.preprocess;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.sparkrnnlm.core.text.Vocabulary;
import org.sparkrnnlm.core.text.VocabularyRanking;
import org.sparkrnnlm.core.text.VocabularyRanking.WordCount;

/**
 * Consecutive tokenized sentences of one partition in compact form, as the dump is cached between the
 * vocabulary count and the writing: a block-local dictionary ({@code words}, the two sentence markers first)
 * and the sentences as runs of indices into it. Counting then adds up ints, encoding looks up each distinct
 * word of the block once, and the cache holds a few arrays per thousands of sentences instead of one object
 * per sentence. Sentence {@code i} has the input position {@code firstPosition + i}: partition index in the
 * high bits, position within the partition below, so sorting by it restores the order of the dump.
 * A class, not a record: Kryo 4 cannot set a record's fields.
 */
public final class SentenceBlock implements Serializable {
    private static final long serialVersionUID = 1L;
    static final int POSITION_BITS = 40;
    private static final int START = 0;
    private static final int END = 1;

    private final long firstPosition;
    private final String[] words;
    /** The word indices of every sentence, one after the other. */
    private final int[] tokens;
    /** Where each sentence's indices end in {@link #tokens}. */
    private final int[] ends;

    private SentenceBlock(long firstPosition, String[] words, int[] tokens, int[] ends) {
        this.firstPosition = firstPosition;
        this.words = words;
        this.tokens = tokens;
        this.ends = ends;
    }

    static long position(int partition, long indexInPartition) {
        return ((long) partition << POSITION_BITS) | indexInPartition;
    }

    /** Sentences in the block. */
    public int size() {
        return ends.length;
    }

    public long position(int sentence) {
        return firstPosition + sentence;
    }

    private int start(int sentence) {
        return sentence == 0 ? 0 : ends[sentence - 1];
    }

    /** The tokens of one sentence joined by single spaces (tokens never contain spaces). */
    public String text(int sentence) {
        StringBuilder b = new StringBuilder();
        for (int k = start(sentence); k < ends[sentence]; k++) {
            if (b.length() > 0) b.append(' ');
            b.append(words[tokens[k]]);
        }
        return b.toString();
    }

    /**
     * Counts every sentence into {@code counts} as {@link VocabularyRanking#count} does, sentence after
     * sentence: SENTENCE_START, the tokens and SENTENCE_END, each word with its first place in the block.
     */
    public void countInto(Map<String, WordCount> counts) {
        long[] n = new long[words.length];
        long[] firstSentence = new long[words.length];
        int[] firstOffset = new int[words.length];
        for (int s = 0; s < ends.length; s++) {
            long position = firstPosition + s;
            int start = start(s);
            occurs(n, firstSentence, firstOffset, START, position, 0);
            for (int k = start; k < ends[s]; k++) occurs(n, firstSentence, firstOffset, tokens[k], position, k - start + 1);
            occurs(n, firstSentence, firstOffset, END, position, ends[s] - start + 1);
        }
        for (int w = 0; w < words.length; w++) {
            if (n[w] > 0) VocabularyRanking.add(counts, words[w], n[w], firstSentence[w], firstOffset[w]);
        }
    }

    private static void occurs(long[] n, long[] firstSentence, int[] firstOffset, int word, long position, int offset) {
        if (n[word]++ == 0) {
            firstSentence[word] = position;
            firstOffset[word] = offset;
        }
    }

    /** The vocabulary's id of each word of the block (UNKNOWN_TOKEN's for words outside it). */
    public int[] ids(Vocabulary vocabulary) {
        int[] ids = new int[words.length];
        for (int w = 0; w < words.length; w++) ids[w] = vocabulary.id(words[w]);
        return ids;
    }

    /** {@code SENTENCE_START w1 .. wn SENTENCE_END} as ids, as {@link Vocabulary#encode}, given {@link #ids}. */
    public int[] encode(int sentence, int[] ids, Vocabulary vocabulary) {
        int start = start(sentence);
        int[] out = new int[ends[sentence] - start + 2];
        out[0] = vocabulary.startId();
        for (int k = start; k < ends[sentence]; k++) out[k - start + 1] = ids[tokens[k]];
        out[out.length - 1] = vocabulary.endId();
        return out;
    }

    /** Collects the sentences of one partition into blocks of bounded size. Not thread-safe. */
    static final class Builder {
        private final int maxSentences;
        private final int maxTokens;
        private long nextPosition;
        private long firstPosition;
        private String[] keys;
        private int[] values;
        private int distinct;
        private String[] words;
        private int[] tokens;
        private int tokenCount;
        private int[] ends;
        private int sentences;

        Builder(int partition, int maxSentences, int maxTokens) {
            this.maxSentences = maxSentences;
            this.maxTokens = maxTokens;
            this.nextPosition = position(partition, 0);
            this.ends = new int[Math.min(maxSentences, 1024)];
            this.tokens = new int[Math.min(maxTokens, 16_384)];
            reset();
        }

        private void reset() {
            firstPosition = nextPosition;
            keys = new String[1 << 12];
            values = new int[keys.length];
            words = new String[256];
            distinct = 0;
            tokenCount = 0;
            sentences = 0;
            index(Vocabulary.SENTENCE_START);
            index(Vocabulary.SENTENCE_END);
        }

        /** Adds one sentence; true when the block is full and should be taken. */
        boolean add(List<String> sentence) {
            if (tokenCount + sentence.size() > tokens.length) {
                tokens = Arrays.copyOf(tokens, Math.max(tokenCount + sentence.size(), 2 * tokens.length));
            }
            for (int i = 0; i < sentence.size(); i++) tokens[tokenCount++] = index(sentence.get(i));
            if (sentences == ends.length) ends = Arrays.copyOf(ends, 2 * ends.length);
            ends[sentences++] = tokenCount;
            nextPosition++;
            return sentences >= maxSentences || tokenCount >= maxTokens;
        }

        boolean isEmpty() {
            return sentences == 0;
        }

        /** The block of the sentences added since the last one taken. */
        SentenceBlock take() {
            SentenceBlock b = new SentenceBlock(firstPosition, Arrays.copyOf(words, distinct), Arrays.copyOf(tokens, tokenCount),
                    Arrays.copyOf(ends, sentences));
            reset();
            return b;
        }

        /** The word's index in the block's dictionary, added if new (open addressing, linear probing). */
        private int index(String word) {
            int mask = keys.length - 1;
            int h = word.hashCode();
            int slot = (h ^ (h >>> 16)) & mask;
            for (String k; (k = keys[slot]) != null; slot = (slot + 1) & mask) {
                if (k.equals(word)) return values[slot];
            }
            keys[slot] = word;
            values[slot] = distinct;
            if (distinct == words.length) words = Arrays.copyOf(words, 2 * words.length);
            words[distinct] = word;
            if (++distinct * 2 > keys.length) rehash();
            return distinct - 1;
        }

        private void rehash() {
            String[] oldKeys = keys;
            int[] oldValues = values;
            keys = new String[oldKeys.length * 2];
            values = new int[keys.length];
            int mask = keys.length - 1;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] == null) continue;
                int h = oldKeys[i].hashCode();
                int slot = (h ^ (h >>> 16)) & mask;
                while (keys[slot] != null) slot = (slot + 1) & mask;
                keys[slot] = oldKeys[i];
                values[slot] = oldValues[i];
            }
        }
    }
}
