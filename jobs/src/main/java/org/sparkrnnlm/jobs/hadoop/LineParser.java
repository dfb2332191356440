package org.sparkrnnlm.jobs.hadoop;

/**
 * Turns one line of a JSON-lines file into a record for {@link JsonLinesRecordReader}, which does
 * the splitting and line reading for every kind of JSON-lines input. One parser per reader, so a
 * parser may reuse buffers.
 */
public interface LineParser<V> {
    /**
     * The record of bytes[0, length), or null to skip the line (a blank one). A line longer than
     * the reader's maxRecordBytes arrives cut to its first maxRecordBytes + 1 bytes.
     */
    V parse(byte[] bytes, int length, Source source);

    /** Where the current line came from; built only for rejections. */
    interface Source {
        String describe();
    }
}
