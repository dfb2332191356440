package org.sparkrnnlm.core.text;

import java.util.Arrays;

/**
 * What {@link MemoWordTokenizer} remembers: for a piece of text of some kind, the ids of its tokens. Keys are
 * char ranges of the caller's text, hashed and compared in place, so a hit creates no String; keys and values
 * live in two flat pools, not one object per entry. Bounded: when full it forgets everything and fills again,
 * which keeps the frequent pieces and costs a few misses. Not thread-safe.
 */
final class ChunkMemo {
    private static final int NONE = -1;
    private final int maxEntries;
    private final int maxChars;
    private int[] slots;
    private int[] slotHash;
    private int[] keyStart;
    private int[] keyLength;
    private byte[] keyKind;
    private int[] valueStart;
    private int[] valueLength;
    private char[] keyChars;
    private int[] values;
    private int entries;
    private int charsUsed;
    private int valuesUsed;

    ChunkMemo(int maxEntries, int maxChars) {
        this.maxEntries = maxEntries;
        this.maxChars = maxChars;
        clear();
    }

    private void clear() {
        slots = new int[1 << 12];
        Arrays.fill(slots, NONE);
        slotHash = new int[slots.length];
        keyStart = new int[1 << 11];
        keyLength = new int[keyStart.length];
        keyKind = new byte[keyStart.length];
        valueStart = new int[keyStart.length];
        valueLength = new int[keyStart.length];
        keyChars = new char[1 << 14];
        values = new int[1 << 13];
        entries = 0;
        charsUsed = 0;
        valuesUsed = 0;
    }

    /** The hash {@link #find} and {@link #put} expect for {@code text[from, to)} of {@code kind}. */
    static int hash(int kind, CharSequence text, int from, int to) {
        int h = kind;
        for (int i = from; i < to; i++) h = 31 * h + text.charAt(i);
        return h;
    }

    /** The entry of this key, or -1. */
    int find(int hash, int kind, CharSequence text, int from, int to) {
        int mask = slots.length - 1;
        for (int slot = spread(hash) & mask; ; slot = (slot + 1) & mask) {
            int e = slots[slot];
            if (e == NONE) return NONE;
            if (slotHash[slot] == hash && keyKind[e] == kind && keyEquals(e, text, from, to)) return e;
        }
    }

    private boolean keyEquals(int e, CharSequence text, int from, int to) {
        int n = to - from;
        if (keyLength[e] != n) return false;
        int k = keyStart[e];
        for (int i = 0; i < n; i++) {
            if (keyChars[k + i] != text.charAt(from + i)) return false;
        }
        return true;
    }

    int valueStart(int entry) {
        return valueStart[entry];
    }

    int valueLength(int entry) {
        return valueLength[entry];
    }

    /** The value pool; entry e's ids are at [valueStart(e), valueStart(e) + valueLength(e)). */
    int[] values() {
        return values;
    }

    /** Remembers {@code ids[0, n)} for a key known to be absent. */
    void put(int hash, int kind, CharSequence text, int from, int to, int[] ids, int n) {
        int length = to - from;
        if (entries == maxEntries || charsUsed + length > maxChars) clear();
        if (length > keyChars.length - charsUsed) keyChars = Arrays.copyOf(keyChars, Math.max(charsUsed + length, 2 * keyChars.length));
        if (n > values.length - valuesUsed) values = Arrays.copyOf(values, Math.max(valuesUsed + n, 2 * values.length));
        if (entries == keyStart.length) growEntries();
        int e = entries++;
        for (int i = 0; i < length; i++) keyChars[charsUsed + i] = text.charAt(from + i);
        keyStart[e] = charsUsed;
        keyLength[e] = length;
        keyKind[e] = (byte) kind;
        charsUsed += length;
        System.arraycopy(ids, 0, values, valuesUsed, n);
        valueStart[e] = valuesUsed;
        valueLength[e] = n;
        valuesUsed += n;
        if (2 * entries > slots.length) rehash();
        insert(e, hash);
    }

    private void insert(int e, int hash) {
        int mask = slots.length - 1;
        int slot = spread(hash) & mask;
        while (slots[slot] != NONE) slot = (slot + 1) & mask;
        slots[slot] = e;
        slotHash[slot] = hash;
    }

    private void growEntries() {
        int n = 2 * keyStart.length;
        keyStart = Arrays.copyOf(keyStart, n);
        keyLength = Arrays.copyOf(keyLength, n);
        keyKind = Arrays.copyOf(keyKind, n);
        valueStart = Arrays.copyOf(valueStart, n);
        valueLength = Arrays.copyOf(valueLength, n);
    }

    private void rehash() {
        int[] oldSlots = slots;
        int[] oldHashes = slotHash;
        slots = new int[2 * oldSlots.length];
        Arrays.fill(slots, NONE);
        slotHash = new int[slots.length];
        for (int s = 0; s < oldSlots.length; s++) {
            if (oldSlots[s] != NONE) insert(oldSlots[s], oldHashes[s]);
        }
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }
}
