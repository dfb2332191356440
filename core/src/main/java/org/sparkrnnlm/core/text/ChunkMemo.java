package org.sparkrnnlm.core.text;

import java.util.Arrays;

/**
 * What {@link MemoWordTokenizer} remembers: for a piece of text of some kind, the ids of its tokens. Keys are
 * char ranges of the caller's text, hashed and compared in place, so a hit creates no String.
 *
 * <p>Laid out for the cache, as a lookup is nearly all memory stalls: a slot is one long (the key's hash and
 * where its record starts), and a record is contiguous in one int pool: kind and key length, number of ids,
 * the key's chars two to an int, then the ids. A hit reads the slot's line and the record's one or two.
 *
 * <p>Bounded: pieces longer than {@link #MAX_KEY} chars are not remembered (they hardly recur), and when full
 * it forgets everything and fills again, which keeps the frequent pieces and costs a few misses. Not
 * thread-safe.
 */
final class ChunkMemo {
    static final int MAX_KEY = 256;
    private final int maxEntries;
    private final int maxInts;
    /** 0 for empty, else hash in the high half and record start + 1 in the low half. */
    private long[] slots;
    private int[] pool;
    private int used;
    private int entries;

    ChunkMemo(int maxEntries, int maxInts) {
        this.maxEntries = maxEntries;
        this.maxInts = maxInts;
        clear();
    }

    private void clear() {
        slots = new long[1 << 12];
        pool = new int[1 << 14];
        used = 0;
        entries = 0;
    }

    /** The record of this key, or -1. */
    int find(int hash, int kind, CharSequence text, int from, int to) {
        if (to - from > MAX_KEY) return -1;
        int mask = slots.length - 1;
        int head = (to - from) << 8 | kind;
        for (int slot = spread(hash) & mask; ; slot = (slot + 1) & mask) {
            long s = slots[slot];
            if (s == 0) return -1;
            if ((int) (s >>> 32) != hash) continue;
            int r = (int) s - 1;
            if (pool[r] == head && keyEquals(r + 2, text, from, to)) return r;
        }
    }

    private boolean keyEquals(int at, CharSequence text, int from, int to) {
        int i = from;
        for (; i + 1 < to; i += 2) {
            if (pool[at++] != (text.charAt(i) | text.charAt(i + 1) << 16)) return false;
        }
        return i == to || pool[at] == text.charAt(i);
    }

    /** Where the record's ids start in {@link #values()}. */
    int valueStart(int record) {
        return record + 2 + ((pool[record] >>> 8) + 1) / 2;
    }

    int valueLength(int record) {
        return pool[record + 1];
    }

    /** The pool; record r's ids are at [valueStart(r), valueStart(r) + valueLength(r)). */
    int[] values() {
        return pool;
    }

    /** Remembers {@code ids[0, n)} for a key known to be absent, unless the key is too long. */
    void put(int hash, int kind, CharSequence text, int from, int to, int[] ids, int n) {
        int length = to - from;
        if (length > MAX_KEY) return;
        int size = 2 + (length + 1) / 2 + n;
        if (entries == maxEntries || used + size > maxInts) clear();
        if (size > pool.length - used) pool = Arrays.copyOf(pool, Math.max(used + size, 2 * pool.length));
        int r = used;
        pool[r] = length << 8 | kind;
        pool[r + 1] = n;
        int at = r + 2;
        int i = from;
        for (; i + 1 < to; i += 2) pool[at++] = text.charAt(i) | text.charAt(i + 1) << 16;
        if (i < to) pool[at++] = text.charAt(i);
        System.arraycopy(ids, 0, pool, at, n);
        used += size;
        entries++;
        if (2 * entries > slots.length) rehash();
        insert((long) hash << 32 | (r + 1));
    }

    private void insert(long entry) {
        int mask = slots.length - 1;
        int slot = spread((int) (entry >>> 32)) & mask;
        while (slots[slot] != 0) slot = (slot + 1) & mask;
        slots[slot] = entry;
    }

    private void rehash() {
        long[] old = slots;
        slots = new long[2 * old.length];
        for (long s : old) {
            if (s != 0) insert(s);
        }
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }
}
