package org.sparkrnnlm.jobs.preprocess;

import java.io.Serializable;
import java.util.List;

/**
 * One sentence of the input, its tokens and its place in input order: partition index in the high
 * bits, position within the partition below, so sorting by it restores the order of the dump.
 * A class, not a record: Kryo 4 cannot set a record's fields. The tokens travel and are cached as
 * one space-joined string (tokens never contain spaces): one string per sentence serializes several
 * times faster than a list of short ones.
 */
public final class TokenizedSentence implements Serializable {
    private static final long serialVersionUID = 1L;
    static final int POSITION_BITS = 40;
    private final long position;
    private final String text;
    private transient List<String> tokens;

    public TokenizedSentence(long position, List<String> tokens) {
        this.position = position;
        this.text = String.join(" ", tokens);
        this.tokens = tokens;
    }

    private TokenizedSentence(long position, String text, List<String> tokens) {
        this.position = position;
        this.text = text;
        this.tokens = tokens;
    }

    /** The same sentence at another position. */
    TokenizedSentence withPosition(long newPosition) {
        return newPosition == position ? this : new TokenizedSentence(newPosition, text, tokens);
    }

    static long position(int partition, long indexInPartition) {
        return ((long) partition << POSITION_BITS) | indexInPartition;
    }

    public long position() {
        return position;
    }

    public List<String> tokens() {
        if (tokens == null) tokens = List.of(text.split(" "));
        return tokens;
    }

    /** The tokens joined by single spaces. */
    public String text() {
        return text;
    }
}
