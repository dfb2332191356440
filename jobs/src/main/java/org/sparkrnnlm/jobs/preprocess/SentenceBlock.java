package org.sparkrnnlm.jobs.preprocess;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoSerializable;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Map;
import org.sparkrnnlm.core.text.CommentTokenizer;
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
    public int[] encode(int sentence, int[] ids) {
        int start = start(sentence);
        int[] out = new int[ends[sentence] - start + 2];
        out[0] = ids[START]; // the vocabulary's start and end ids, looked up once per block
        for (int k = start; k < ends[sentence]; k++) out[k - start + 1] = ids[tokens[k]];
        out[out.length - 1] = ids[END];
        return out;
    }

    /**
     * Collects the sentences of one partition into blocks of bounded size, token by token. One dictionary
     * serves the whole partition (each distinct word copied into it once; a token is looked up as a range of
     * its sentence's chars); a block numbers the words it uses in order of first use. Not
     * thread-safe.
     */
    static final class Builder {
        private final int maxSentences;
        private final int maxTokens;
        private long nextPosition;
        private long firstPosition;
        // The partition's dictionary: open addressing, linear probing over slots of three longs: the word's
        // hash (high half) and number + 1 (low half; 0: empty), its key, and the block's number (high half)
        // with the word's index in that block (low half). The key is a word of up to 7 Latin-1 chars packed
        // with its length, or for any other word the sign bit, its length and where its chars start in
        // {@code pool}, where the partition's words sit one after the other. A short token is thus found, and
        // numbered in its block, within one slot; a longer one compares with chars that frequent words keep
        // cached together, not with a String reached through two references.
        private long[] slots = new long[3 << 14];
        private char[] pool = new char[1 << 16];
        private int poolSize;
        private String[] partitionWord = new String[1 << 13];
        private int partitionWords;
        private int block = 1;
        private String[] words = new String[1024];
        private int distinct;
        private int[] tokens;
        private int tokenCount;
        private int sentenceStart;
        private int[] ends;
        private int sentences;
        /** The current sentence's chars, reused. */
        private char[] chars = new char[256];

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
            sentenceStart = 0;
            sentences = 0;
            indexOf(Vocabulary.SENTENCE_START);
            indexOf(Vocabulary.SENTENCE_END);
        }

        /**
         * Adds one sentence given as its tokens separated by runs of spaces
         * ({@link org.sparkrnnlm.core.text.TreebankWordTokenizer#spaced}), if it has at least two tokens
         * ({@link CommentTokenizer#longEnough}); true when the block is full and should be taken. One pass over
         * the sentence's chars splits and hashes, cheaper than {@code String.indexOf} and {@code charAt} per token.
         */
        boolean addSpaced(String spaced) {
            int n = spaced.length();
            if (chars.length < n) chars = new char[Math.max(n, 2 * chars.length)];
            char[] cs = chars;
            spaced.getChars(0, n, cs, 0);
            for (int i = 0; i < n; ) {
                if (cs[i] == ' ') {
                    i++;
                    continue;
                }
                int start = i;
                long packed = 0;
                char widest = 0;
                for (char c; i < n && (c = cs[i]) != ' '; i++) {
                    if (i - start < 7) packed |= (long) c << (8 * (i - start));
                    widest |= c;
                }
                int length = i - start;
                packed = length <= 7 && widest <= 0xff ? packed | (long) length << 56 : 0;
                if (tokenCount == tokens.length) tokens = Arrays.copyOf(tokens, 2 * tokens.length);
                tokens[tokenCount++] = index(slotOf(cs, start, i, hash(cs, start, i, packed), packed));
            }
            return endSentence();
        }

        /** Ends the current sentence: kept if it has at least two tokens, else dropped. True when the block is full. */
        private boolean endSentence() {
            if (tokenCount - sentenceStart < 2) {
                tokenCount = sentenceStart;
                return false;
            }
            if (sentences == ends.length) ends = Arrays.copyOf(ends, 2 * ends.length);
            ends[sentences++] = tokenCount;
            sentenceStart = tokenCount;
            nextPosition++;
            return sentences >= maxSentences || tokenCount >= maxTokens;
        }

        boolean isEmpty() {
            return sentences == 0;
        }

        /** The block of the sentences ended since the last one taken. */
        SentenceBlock take() {
            SentenceBlock b = new SentenceBlock(firstPosition, Arrays.copyOf(words, distinct), Arrays.copyOf(tokens, tokenCount),
                    Arrays.copyOf(ends, sentences));
            reset();
            return b;
        }

        /** The word's index in the current block, numbered on first use; {@code slot} is its dictionary slot. */
        private int index(int slot) {
            long v = slots[slot + 2];
            if ((int) (v >>> 32) == block) return (int) v;
            slots[slot + 2] = ((long) block << 32) | distinct;
            if (distinct == words.length) words = Arrays.copyOf(words, 2 * words.length);
            words[distinct] = partitionWord[(int) slots[slot] - 1];
            return distinct++;
        }

        private int indexOf(String word) {
            char[] cs = word.toCharArray();
            long packed = packed(word);
            return index(slotOf(cs, 0, cs.length, hash(cs, 0, cs.length, packed), packed));
        }

        /**
         * The word's hash: from its packed form if it has one (one multiply, where a hash over the chars made
         * each char of every token wait for the previous one), else over its chars.
         */
        private static int hash(char[] cs, int start, int end, long packed) {
            if (packed != 0) return (int) ((packed * 0x9E3779B97F4A7C15L) >>> 32);
            int h = 0;
            for (int i = start; i < end; i++) h = 31 * h + cs[i];
            return h;
        }

        /**
         * The slot of the word in {@code cs[start, end)}, added if new, given its hash and, if it has at most 7
         * chars all Latin-1, its chars packed with its length (else 0).
         */
        private int slotOf(char[] cs, int start, int end, int h, long packed) {
            int slot = home(h, slots.length);
            for (long e; (e = slots[slot]) != 0; slot = next(slot, slots.length)) {
                if ((int) (e >>> 32) != h) continue;
                long key = slots[slot + 1];
                if (packed != 0 ? key == packed : key < 0 && samePooled(key, cs, start, end)) return slot;
            }
            int w = partitionWords++;
            if (w == partitionWord.length) partitionWord = Arrays.copyOf(partitionWord, 2 * w);
            partitionWord[w] = new String(cs, start, end - start);
            slots[slot] = ((long) h << 32) | (w + 1);
            slots[slot + 1] = packed != 0 ? packed : pooled(cs, start, end);
            if (partitionWords * 2 > slots.length / 3) return rehash(slot);
            return slot;
        }

        /** Appends the word to the pool; its key: the sign bit, its length and where it starts. */
        private long pooled(char[] cs, int start, int end) {
            int length = end - start;
            if (pool.length - poolSize < length) pool = Arrays.copyOf(pool, Math.max(poolSize + length, 2 * pool.length));
            System.arraycopy(cs, start, pool, poolSize, length);
            long key = Long.MIN_VALUE | (long) length << 32 | poolSize;
            poolSize += length;
            return key;
        }

        private boolean samePooled(long key, char[] cs, int start, int end) {
            int length = (int) (key >>> 32) & Integer.MAX_VALUE;
            int from = (int) key;
            return length == end - start && Arrays.equals(pool, from, from + length, cs, start, end);
        }

        /** A word's packed form: its chars and length if it has at most 7 chars, all Latin-1, else 0. */
        private static long packed(String word) {
            if (word.length() > 7) return 0;
            long packed = 0;
            for (int i = 0; i < word.length(); i++) {
                if (word.charAt(i) > 0xff) return 0;
                packed |= (long) word.charAt(i) << (8 * i);
            }
            return packed | (long) word.length() << 56;
        }

        /** The first slot to probe: Fibonacci hashing spreads the close hashes of short words. */
        private static int home(int h, int length) {
            int bits = Integer.numberOfTrailingZeros(length / 3);
            return 3 * ((h * 0x9E3779B9) >>> (32 - bits));
        }

        private static int next(int slot, int length) {
            return slot + 3 == length ? 0 : slot + 3;
        }

        /** Doubles the table; the new slot of the word in {@code slot}. */
        private int rehash(int slot) {
            long[] old = slots;
            slots = new long[old.length * 2];
            int moved = -1;
            for (int i = 0; i < old.length; i += 3) {
                if (old[i] == 0) continue;
                int s = home((int) (old[i] >>> 32), slots.length);
                while (slots[s] != 0) s = next(s, slots.length);
                System.arraycopy(old, i, slots, s, 3);
                if (i == slot) moved = s;
            }
            return moved;
        }
    }
}
