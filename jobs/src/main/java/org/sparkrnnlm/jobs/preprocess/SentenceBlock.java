package org.sparkrnnlm.jobs.preprocess;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoSerializable;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
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
 * A class, not a record: Kryo 4 cannot set a record's fields. Kryo writes it by hand (the words as plain
 * strings, the indices as varints), without reference tracking for each of thousands of strings.
 */
public final class SentenceBlock implements Serializable, KryoSerializable {
    private static final long serialVersionUID = 1L;
    static final int POSITION_BITS = 40;
    private static final int START = 0;
    private static final int END = 1;

    // Not final: Kryo's read sets them.
    private long firstPosition;
    private String[] words;
    /** The word indices of every sentence, one after the other. */
    private int[] tokens;
    /** Where each sentence's indices end in {@link #tokens}. */
    private int[] ends;

    /** For Kryo, which then reads the fields. */
    private SentenceBlock() {
    }

    private SentenceBlock(long firstPosition, String[] words, int[] tokens, int[] ends) {
        this.firstPosition = firstPosition;
        this.words = words;
        this.tokens = tokens;
        this.ends = ends;
    }

    @Override
    public void write(Kryo kryo, Output out) {
        out.writeLong(firstPosition);
        out.writeVarInt(words.length, true);
        for (String w : words) out.writeString(w);
        out.writeVarInt(tokens.length, true);
        out.writeInts(tokens, true);
        out.writeVarInt(ends.length, true);
        out.writeInts(ends, true);
    }

    @Override
    public void read(Kryo kryo, Input in) {
        firstPosition = in.readLong();
        words = new String[in.readVarInt(true)];
        for (int w = 0; w < words.length; w++) words[w] = in.readString();
        tokens = in.readInts(in.readVarInt(true), true);
        ends = in.readInts(in.readVarInt(true), true);
    }

    static long position(int partition, long indexInPartition) {
        return ((long) partition << POSITION_BITS) | indexInPartition;
    }

    /** The same sentences numbered from another first position. */
    SentenceBlock withFirstPosition(long position) {
        return position == firstPosition ? this : new SentenceBlock(position, words, tokens, ends);
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

    /**
     * Collects the sentences of one partition into blocks of bounded size. One dictionary serves the whole
     * partition (each distinct word hashed into it once); a block numbers the words it uses in order of first
     * use. Not thread-safe.
     */
    static final class Builder {
        private final int maxSentences;
        private final int maxTokens;
        private long nextPosition;
        private long firstPosition;
        // The partition's dictionary: open addressing, linear probing, the hash kept to skip most equals calls.
        private String[] keys = new String[1 << 14];
        private int[] hashes = new int[keys.length];
        private int[] slotWord = new int[keys.length];
        private int partitionWords;
        // Per partition word: its index in the current block, valid while blockOf equals the block's number.
        private int[] blockIndex = new int[1 << 13];
        private int[] blockOf = new int[blockIndex.length];
        private String[] partitionWord = new String[blockIndex.length];
        private int block = 1;
        private String[] words = new String[1024];
        private int distinct;
        private int[] tokens;
        private int tokenCount;
        private int[] ends;
        private int sentences;

        Builder(int partition, long firstIndex, int maxSentences, int maxTokens) {
            this.maxSentences = maxSentences;
            this.maxTokens = maxTokens;
            this.nextPosition = position(partition, firstIndex);
            this.ends = new int[Math.min(maxSentences, 1024)];
            this.tokens = new int[Math.min(maxTokens, 16_384)];
            reset();
        }

        private void reset() {
            firstPosition = nextPosition;
            block++;
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

        /** The word's index in the current block, numbered on first use. */
        private int index(String word) {
            int w = partitionIndex(word);
            if (blockOf[w] == block) return blockIndex[w];
            blockOf[w] = block;
            blockIndex[w] = distinct;
            if (distinct == words.length) words = Arrays.copyOf(words, 2 * words.length);
            words[distinct] = partitionWord[w];
            return distinct++;
        }

        /** The word's number in the partition's dictionary, added if new. */
        private int partitionIndex(String word) {
            int h = word.hashCode();
            int mask = keys.length - 1;
            int slot = (h ^ (h >>> 16)) & mask;
            for (String k; (k = keys[slot]) != null; slot = (slot + 1) & mask) {
                if (hashes[slot] == h && k.equals(word)) return slotWord[slot];
            }
            keys[slot] = word;
            hashes[slot] = h;
            int w = partitionWords++;
            slotWord[slot] = w;
            if (w == partitionWord.length) {
                partitionWord = Arrays.copyOf(partitionWord, 2 * w);
                blockIndex = Arrays.copyOf(blockIndex, 2 * w);
                blockOf = Arrays.copyOf(blockOf, 2 * w);
            }
            partitionWord[w] = word;
            if (partitionWords * 2 > keys.length) rehash();
            return w;
        }

        private void rehash() {
            String[] oldKeys = keys;
            int[] oldHashes = hashes;
            int[] oldWords = slotWord;
            keys = new String[oldKeys.length * 2];
            hashes = new int[keys.length];
            slotWord = new int[keys.length];
            int mask = keys.length - 1;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] == null) continue;
                int h = oldHashes[i];
                int slot = (h ^ (h >>> 16)) & mask;
                while (keys[slot] != null) slot = (slot + 1) & mask;
                keys[slot] = oldKeys[i];
                hashes[slot] = h;
                slotWord[slot] = oldWords[i];
            }
        }
    }
}
