package org.sparkrnnlm.core.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Word ids: the C-1 most frequent tokens (SENTENCE_START and SENTENCE_END count like any word),
 * then UNKNOWN_TOKEN last. Written as vocab.tsv, one {@code word<TAB>count} line per id.
 */
public final class Vocabulary implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    public static final String SENTENCE_START = "SENTENCE_START";
    public static final String SENTENCE_END = "SENTENCE_END";
    public static final String UNKNOWN_TOKEN = "UNKNOWN_TOKEN";

    private final List<String> words;
    private final long[] counts;
    private final Map<String, Integer> ids;

    private Vocabulary(List<String> words, long[] counts) {
        this.words = List.copyOf(words);
        this.counts = counts;
        this.ids = new HashMap<>();
        for (int i = 0; i < words.size(); i++) {
            if (ids.put(words.get(i), i) != null) throw new IllegalArgumentException("word '" + words.get(i) + "' appears twice");
        }
        for (String special : List.of(SENTENCE_START, SENTENCE_END, UNKNOWN_TOKEN)) {
            if (!ids.containsKey(special)) throw new IllegalArgumentException("vocabulary lacks " + special);
        }
        if (!words.get(words.size() - 1).equals(UNKNOWN_TOKEN)) throw new IllegalArgumentException(UNKNOWN_TOKEN + " must be the last word");
    }

    /**
     * Keeps the {@code size - 1} most frequent words of {@code counts}, whose iteration order must be
     * the order of first occurrence: it breaks ties, so the result is deterministic.
     */
    public static Vocabulary fromCounts(Map<String, Long> counts, int size) {
        if (size < 4) throw new IllegalArgumentException("vocabulary size must be at least 4, got " + size);
        List<Map.Entry<String, Long>> entries = new ArrayList<>();
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            if (!e.getKey().equals(UNKNOWN_TOKEN)) entries.add(e);
        }
        // A stable sort keeps first-occurrence order among equal counts.
        entries.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
        // The markers are always kept; the other words fill the remaining places by frequency.
        java.util.Set<String> chosen = new java.util.HashSet<>(List.of(SENTENCE_START, SENTENCE_END));
        for (Map.Entry<String, Long> e : entries) {
            if (chosen.size() >= size - 1) break;
            chosen.add(e.getKey());
        }
        List<String> words = new ArrayList<>();
        List<Long> kept = new ArrayList<>();
        long dropped = counts.getOrDefault(UNKNOWN_TOKEN, 0L);
        for (Map.Entry<String, Long> e : entries) {
            if (chosen.contains(e.getKey())) {
                words.add(e.getKey());
                kept.add(e.getValue());
            } else {
                dropped += e.getValue();
            }
        }
        for (String marker : List.of(SENTENCE_START, SENTENCE_END)) {
            if (!words.contains(marker)) {
                words.add(marker);
                kept.add(0L);
            }
        }
        words.add(UNKNOWN_TOKEN);
        kept.add(dropped);
        return new Vocabulary(words, kept.stream().mapToLong(Long::longValue).toArray());
    }

    /** A vocabulary of given words in id order (UNKNOWN_TOKEN appended when absent), counts unknown. */
    public static Vocabulary ofWords(List<String> words) {
        List<String> all = new ArrayList<>(words);
        if (!all.contains(UNKNOWN_TOKEN)) all.add(UNKNOWN_TOKEN);
        return new Vocabulary(all, new long[all.size()]);
    }

    /** The same words with UNKNOWN_TOKEN's count replaced: the count of everything the vocabulary leaves out. */
    public Vocabulary withUnknownCount(long count) {
        long[] c = counts.clone();
        c[c.length - 1] = count;
        return new Vocabulary(words, c);
    }

    /** Reads a vocab.tsv from a store. */
    public static Vocabulary read(org.sparkrnnlm.core.store.FileStore store, String path) throws IOException {
        try (InputStream in = store.open(path)) {
            return read(in);
        }
    }

    public static Vocabulary read(InputStream in) throws IOException {
        List<String> words = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            int tab = line.lastIndexOf('\t');
            if (tab <= 0) throw new IOException("vocab.tsv line " + number + " is not 'word<TAB>count': '" + abbreviate(line) + "'");
            words.add(line.substring(0, tab));
            try {
                counts.add(Long.parseLong(line.substring(tab + 1).trim()));
            } catch (NumberFormatException e) {
                throw new IOException("vocab.tsv line " + number + " has a count that is not a number: '" + abbreviate(line) + "'");
            }
        }
        if (words.isEmpty()) throw new IOException("vocab.tsv is empty");
        try {
            return new Vocabulary(words, counts.stream().mapToLong(Long::longValue).toArray());
        } catch (IllegalArgumentException e) {
            throw new IOException("vocab.tsv: " + e.getMessage());
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }

    public void write(OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        for (int i = 0; i < words.size(); i++) w.write(words.get(i) + "\t" + counts[i] + "\n");
        w.flush();
    }

    public int size() {
        return words.size();
    }

    public String word(int id) {
        return words.get(id);
    }

    public long count(int id) {
        return counts[id];
    }

    /** The id of a word, UNKNOWN_TOKEN's id for words outside the vocabulary. */
    public int id(String word) {
        Integer id = ids.get(word);
        return id != null ? id : unknownId();
    }

    public boolean contains(String word) {
        return ids.containsKey(word);
    }

    public int startId() {
        return ids.get(SENTENCE_START);
    }

    public int endId() {
        return ids.get(SENTENCE_END);
    }

    public int unknownId() {
        return words.size() - 1;
    }

    public List<String> words() {
        return Collections.unmodifiableList(words);
    }

    /** {@code SENTENCE_START w1 .. wn SENTENCE_END} as ids. */
    public int[] encode(List<String> tokens) {
        int[] ids = new int[tokens.size() + 2];
        ids[0] = startId();
        for (int i = 0; i < tokens.size(); i++) ids[i + 1] = id(tokens.get(i));
        ids[ids.length - 1] = endId();
        return ids;
    }
}
