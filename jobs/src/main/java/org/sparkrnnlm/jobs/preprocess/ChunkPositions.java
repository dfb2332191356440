package org.sparkrnnlm.jobs.preprocess;

import java.io.Serializable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the provisional positions of redistributed chunks ({@link RecordChunk}) into the positions
 * an unsplit read gives: a sentence's index within its input partition counts the sentences of the
 * partition's earlier chunks, known once every chunk is tokenized. Provisional positions keep the
 * order of the final ones, so anything that only compares positions (first occurrences in the
 * vocabulary's ranking) may use either.
 */
final class ChunkPositions implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final long MASK = (1L << SentenceBlock.POSITION_BITS) - 1;
    /** Per redistributed partition: its chunks' provisional starts, ascending, and their first final indexes. */
    private final Map<Integer, long[][]> partitions;

    private ChunkPositions(Map<Integer, long[][]> partitions) {
        this.partitions = partitions;
    }

    /** From (partition, start, sentences) triples, one per chunk, in any order. */
    static ChunkPositions of(long[] chunkSentences) {
        Map<Integer, TreeMap<Long, Long>> byPartition = new HashMap<>();
        for (int i = 0; i < chunkSentences.length; i += 3) {
            byPartition.computeIfAbsent((int) chunkSentences[i], p -> new TreeMap<>()).put(chunkSentences[i + 1], chunkSentences[i + 2]);
        }
        Map<Integer, long[][]> out = new HashMap<>();
        byPartition.forEach((p, chunks) -> {
            long[] starts = new long[chunks.size()];
            long[] first = new long[chunks.size()];
            int i = 0;
            long before = 0;
            for (Map.Entry<Long, Long> c : chunks.entrySet()) {
                starts[i] = c.getKey();
                first[i++] = before;
                before += c.getValue();
            }
            out.put(p, new long[][] {starts, first});
        });
        return new ChunkPositions(out);
    }

    boolean isEmpty() {
        return partitions.isEmpty();
    }

    /** The final position of a provisional one; positions of partitions read in place are unchanged. */
    long position(long provisional) {
        long[][] chunks = partitions.get((int) (provisional >>> SentenceBlock.POSITION_BITS));
        if (chunks == null) return provisional;
        long local = provisional & MASK;
        int i = Arrays.binarySearch(chunks[0], local);
        if (i < 0) i = -i - 2; // the chunk starting last at or before it
        return (provisional & ~MASK) | (chunks[1][i] + local - chunks[0][i]);
    }

    /** A block lies within one chunk, so its positions stay consecutive. */
    SentenceBlock apply(SentenceBlock b) {
        return b.withFirstPosition(position(b.position(0)));
    }

    /** Concatenates triple arrays (a reduce step). */
    static long[] concat(long[] a, long[] b) {
        long[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
