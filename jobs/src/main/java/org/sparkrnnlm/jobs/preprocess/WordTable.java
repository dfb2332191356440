package org.sparkrnnlm.jobs.preprocess;

import java.util.Arrays;
import org.sparkrnnlm.core.text.MemoWordTokenizer;

/**
 * Words numbered in order of first sight, and back: the dictionary that {@link SentenceBlock.Builder} files
 * sentences with and {@link MemoWordTokenizer} remembers ids of. Open addressing with linear probing, the
 * hash kept to skip most equals calls. Numbers never change, so a table can outlive a task (see
 * {@link TaskTokenizer}). Not thread-safe.
 */
final class WordTable implements MemoWordTokenizer.WordIds {
    private String[] keys = new String[1 << 14];
    private int[] hashes = new int[keys.length];
    private int[] slotWord = new int[keys.length];
    private String[] words = new String[1 << 13];
    private int size;

    /** The word's number, added if new. */
    @Override
    public int id(String word) {
        int h = word.hashCode();
        int mask = keys.length - 1;
        int slot = (h ^ (h >>> 16)) & mask;
        for (String k; (k = keys[slot]) != null; slot = (slot + 1) & mask) {
            if (hashes[slot] == h && k.equals(word)) return slotWord[slot];
        }
        keys[slot] = word;
        hashes[slot] = h;
        int w = size++;
        slotWord[slot] = w;
        if (w == words.length) words = Arrays.copyOf(words, 2 * w);
        words[w] = word;
        if (size * 2 > keys.length) rehash();
        return w;
    }

    /** The word numbered w. */
    String word(int w) {
        return words[w];
    }

    /** Words in the table; numbers run from 0 to size - 1. */
    int size() {
        return size;
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
