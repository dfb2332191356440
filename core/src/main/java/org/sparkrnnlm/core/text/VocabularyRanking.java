package org.sparkrnnlm.core.text;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How counted words become a {@link Vocabulary}, for every reader that counts in pieces (Spark
 * partitions): each sentence counts SENTENCE_START, its tokens and SENTENCE_END once, a word keeps
 * its count and its first occurrence in the input, and {@link Vocabulary#fromCounts} ranks them
 * (count descending, ties by first occurrence, the markers always kept, UNKNOWN_TOKEN last with the
 * count of every word left out). Only the {@link #candidates} best words by {@link #BY_RANK} need
 * to reach the place that builds the vocabulary, so a corpus with millions of distinct tokens costs
 * that place no memory; given all the words, the result is the same.
 */
public final class VocabularyRanking {
    /** Orders words by how surely they enter a vocabulary: see {@link #BY_RANK}. */
    public static final Comparator<WordCount> BY_RANK = new ByRank();

    private VocabularyRanking() {
    }

    /**
     * A word's count and its first occurrence: the place of its sentence in input order, then its
     * place in the sentence (SENTENCE_START 0, the tokens from 1, SENTENCE_END last). A class, not a
     * record: Kryo 4 cannot set a record's fields.
     */
    public static final class WordCount implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String word;
        /** Not final: {@link VocabularyRanking#count} adds to the entries of its own map in place. */
        private long count;
        private final long sentence;
        private final int offset;

        public WordCount(String word, long count, long sentence, int offset) {
            this.word = word;
            this.count = count;
            this.sentence = sentence;
            this.offset = offset;
        }

        public String word() {
            return word;
        }

        public long count() {
            return count;
        }

        /** The place of the sentence the word first occurs in. */
        public long sentence() {
            return sentence;
        }

        /** The word's place in that sentence. */
        public int offset() {
            return offset;
        }

        /** The same word counted elsewhere too: counts add up, the earlier occurrence stays. */
        public WordCount merge(WordCount other) {
            WordCount first = compareOccurrence(this, other) <= 0 ? this : other;
            return new WordCount(word, count + other.count, first.sentence, first.offset);
        }

        @Override
        public String toString() {
            return word + " " + count + " @" + sentence + ":" + offset;
        }
    }

    /**
     * Counts one sentence into {@code counts}: its markers and tokens, each occurrence at its place.
     * {@code sentence} is the sentence's place in input order (any number that grows along the input;
     * no two sentences share one). Sentences may be counted in any order, in as many maps as there
     * are pieces of the input, and the maps merged with {@link WordCount#merge}. The map's entries
     * are updated in place: it should hold only what this method put there.
     */
    public static void count(Map<String, WordCount> counts, long sentence, List<String> tokens) {
        add(counts, Vocabulary.SENTENCE_START, sentence, 0);
        for (int i = 0; i < tokens.size(); i++) add(counts, tokens.get(i), sentence, i + 1);
        add(counts, Vocabulary.SENTENCE_END, sentence, tokens.size() + 1);
    }

    private static void add(Map<String, WordCount> counts, String word, long sentence, int offset) {
        WordCount c = counts.get(word);
        if (c == null) {
            counts.put(word, new WordCount(word, 1, sentence, offset));
        } else if (sentence < c.sentence || sentence == c.sentence && offset < c.offset) {
            counts.put(word, new WordCount(word, c.count + 1, sentence, offset));
        } else {
            c.count++;
        }
    }

    /**
     * Counts {@code n} occurrences of {@code word}, the first of them at ({@code sentence}, {@code offset}) and
     * the others after it, as {@code n} single counts in input order would: for readers that count a piece
     * of the input on their own first (a block of sentences with its own dictionary).
     */
    public static void add(Map<String, WordCount> counts, String word, long n, long sentence, int offset) {
        WordCount c = counts.get(word);
        if (c == null) {
            counts.put(word, new WordCount(word, n, sentence, offset));
        } else if (sentence < c.sentence || sentence == c.sentence && offset < c.offset) {
            counts.put(word, new WordCount(word, c.count + n, sentence, offset));
        } else {
            c.count += n;
        }
    }

    /** How many of the best words by {@link #BY_RANK} a vocabulary of {@code size} words is built from. */
    public static int candidates(int size) {
        // The two markers, the size - 3 other words, and a literal UNKNOWN_TOKEN that may be among them.
        return size + 1;
    }

    /**
     * The vocabulary of {@code size} words from (at least) the {@link #candidates} best words by
     * {@link #BY_RANK}; {@code tokens} is the count of all words counted, markers included, of which
     * UNKNOWN_TOKEN gets what the vocabulary leaves out.
     */
    public static Vocabulary vocabulary(Collection<WordCount> best, int size, long tokens) {
        List<WordCount> byOccurrence = new ArrayList<>(best);
        byOccurrence.sort(VocabularyRanking::compareOccurrence);
        Map<String, Long> counts = new LinkedHashMap<>();
        for (WordCount c : byOccurrence) counts.put(c.word(), c.count());
        Vocabulary v = Vocabulary.fromCounts(counts, size);
        long kept = 0;
        for (int id = 0; id < v.unknownId(); id++) kept += v.count(id);
        return v.withUnknownCount(tokens - kept);
    }

    private static int compareOccurrence(WordCount a, WordCount b) {
        int bySentence = Long.compare(a.sentence, b.sentence);
        if (bySentence != 0) return bySentence;
        int byOffset = Integer.compare(a.offset, b.offset);
        return byOffset != 0 ? byOffset : a.word.compareTo(b.word);
    }

    private static boolean isMarker(WordCount c) {
        return c.word.equals(Vocabulary.SENTENCE_START) || c.word.equals(Vocabulary.SENTENCE_END);
    }

    /**
     * The markers first (a vocabulary always keeps them, with their counts), then by count,
     * descending, then by first occurrence: the order in which {@link Vocabulary#fromCounts} takes words.
     */
    private static final class ByRank implements Comparator<WordCount>, Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public int compare(WordCount a, WordCount b) {
            int byMarker = Boolean.compare(isMarker(b), isMarker(a));
            if (byMarker != 0) return byMarker;
            int byCount = Long.compare(b.count, a.count);
            return byCount != 0 ? byCount : compareOccurrence(a, b);
        }
    }
}
