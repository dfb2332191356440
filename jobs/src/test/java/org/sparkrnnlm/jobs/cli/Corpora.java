package org.sparkrnnlm.jobs.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Small generated training texts: sentences from a toy grammar, so a model has something to learn. */
final class Corpora {
    private static final String[] SUBJECTS = {"the cat", "a dog", "my neighbour", "the old man", "she", "he"};
    private static final String[] VERBS = {"sat on", "looked at", "ran to", "painted", "found"};
    private static final String[] OBJECTS = {"the mat", "a red house", "the small garden", "the river", "it"};

    private Corpora() {
    }

    static List<String> lines(int count, long seed) {
        Random r = new Random(seed);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String s = SUBJECTS[r.nextInt(SUBJECTS.length)] + " " + VERBS[r.nextInt(VERBS.length)] + " "
                    + OBJECTS[r.nextInt(OBJECTS.length)] + (r.nextBoolean() ? " ." : " , and then slept .");
            lines.add(s);
        }
        return lines;
    }

    /** Lines encoded as train encodes a text file: the vocabulary of their {@code size} most frequent words, and the ids. */
    record Encoded(org.sparkrnnlm.core.text.Vocabulary vocabulary, List<int[]> ids) {
    }

    static Encoded encode(List<String> lines, int size) {
        List<List<String>> tokens = new ArrayList<>();
        for (String line : lines) tokens.add(org.sparkrnnlm.core.text.TextSentences.tokens(line));
        org.sparkrnnlm.core.text.Vocabulary vocabulary = org.sparkrnnlm.core.text.Vocabulary.fromCounts(
                org.sparkrnnlm.core.text.TextSentences.count(tokens), size);
        List<int[]> ids = new ArrayList<>();
        for (List<String> t : tokens) ids.add(vocabulary.encode(t));
        return new Encoded(vocabulary, ids);
    }

    static Path write(Path dir, String name, List<String> lines) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, lines);
        return file;
    }
}
