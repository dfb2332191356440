package org.sparkrnnlm.jobs.preprocess;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams one CSV file (RFC 4180: header row, ',' separators, '"' quoting, "" escapes, line breaks
 * inside quotes, CRLF or LF) into RawComments, one per data row.
 * <p>Hand-written rather than univocity because bad input must not end the file: univocity stops
 * parsing at its first error, a too-long column is such an error, and it does not report a quote
 * left open at the end of the file. Here memory stays bounded whatever the input: only the body
 * column is kept (up to maxRecordBytes), plus the first {@link RawComment#MAX_RAW_START} raw chars.
 * <p>Bad rows: a column count unlike the header's, or text after a closing quote, is MALFORMED_CSV
 * and parsing goes on at the end of that row. A quote still open at the end of the file is
 * MALFORMED_CSV for that row, and parsing resumes on the line after the row's first line
 * (reopening the file, at most {@value #MAX_RESUMES} times a file), so one stray quote does not
 * swallow the rest of the dump. The text is decoded with REPLACE: any U+FFFD in a row marks it
 * INVALID_UTF8 (so a genuine U+FFFD in the dump is rejected too: it is rare and meaningless text).
 */
final class CsvCommentParser {
    interface Opener {
        Reader open() throws IOException;
    }

    /**
     * What the header row says: the number of columns, which one is the body (-1: none), and the
     * role of each column in {@link #METADATA_COLUMNS} (-1: none).
     */
    record Header(int columns, int bodyColumn, int[] roles) {
    }

    /** The columns a comment's metadata comes from, when asked for ({@link #metadata}): by header name. */
    static final List<String> METADATA_COLUMNS = List.of("id", "author", "subreddit", "created_utc");
    private static final int MAX_METADATA_CHARS = 1024;

    static final int MAX_RESUMES = 16;
    private static final int FIELD_START = 0, UNQUOTED = 1, QUOTED = 2, QUOTE_IN_QUOTED = 3;

    private final Opener opener;
    private final String file;
    private final long maxRecordBytes;
    private Reader reader;
    private final char[] buf = new char[1 << 16];
    private int bufPos;
    private int bufLen;
    private long offset;
    private long line = 1;
    private boolean pendingLF;
    private boolean done;
    private int resumes;
    private long rows;
    private int columns = -1;
    private int bodyColumn = -1;
    private int[] roles = new int[0];
    private boolean metadata;
    private final StringBuilder[] meta = new StringBuilder[METADATA_COLUMNS.size()];

    // The row being read.
    private final StringBuilder raw = new StringBuilder();
    private final StringBuilder body = new StringBuilder();
    private List<String> header;
    private final StringBuilder headerField = new StringBuilder();
    private long bodyBytes;
    private int field;
    private boolean malformed;
    private boolean unterminated;
    private boolean replaced;
    private long rowLine;
    private long firstBreakOffset;
    private int rawAtFirstBreak;
    private boolean firstBreakWasCR;
    private boolean rawTook;

    CsvCommentParser(Opener opener, String file, long maxRecordBytes) throws IOException {
        this.opener = opener;
        this.file = file;
        this.maxRecordBytes = maxRecordBytes;
        reader = opener.open();
        if (peek() == '\uFEFF') take();
    }

    /**
     * Rows of a file from a row start after its header on ({@link CsvSplits}): the opener's text
     * starts with a row, rowsBefore data rows and line - 1 line breaks precede it in the file.
     */
    CsvCommentParser(Opener opener, String file, long maxRecordBytes, Header header, long rowsBefore, long line) throws IOException {
        this.opener = opener;
        this.file = file;
        this.maxRecordBytes = maxRecordBytes;
        this.columns = header.columns();
        this.bodyColumn = header.bodyColumn();
        this.roles = header.roles();
        this.rows = rowsBefore;
        this.line = line;
        reader = opener.open();
    }

    /** The file's header, read if it was not yet; null when the file has none or a malformed one. */
    Header header() throws IOException {
        if (columns < 0 && !done && !readHeader()) done = true;
        return columns < 0 ? null : new Header(columns, bodyColumn, roles);
    }

    /** Also keep each comment's id, author, subreddit and created_utc, from the columns of those names. */
    CsvCommentParser metadata(boolean on) {
        metadata = on;
        for (int i = 0; i < meta.length; i++) if (meta[i] == null) meta[i] = new StringBuilder();
        return this;
    }

    /** The next data row as a comment or rejection; null at the end of the file. */
    RawComment next() throws IOException {
        while (!done) {
            if (columns < 0) {
                if (!readHeader()) break;
                if (done) return reject(RejectReason.MALFORMED_CSV, raw);
                continue;
            }
            if (!readRow()) break;
            rows++;
            if (unterminated) return openQuoteAtEnd();
            RawComment r = classify();
            if (r != null) return r;
        }
        done = true;
        return null;
    }

    private boolean readHeader() throws IOException {
        header = new ArrayList<>();
        if (!readRow()) return false;
        if (unterminated || malformed) {
            // Without a header no column is known: the whole file is one bad record.
            done = true;
            header = null;
            return true;
        }
        columns = field;
        for (int i = 0; i < header.size() && bodyColumn < 0; i++) {
            if (header.get(i).strip().equalsIgnoreCase("body")) bodyColumn = i;
        }
        roles = new int[columns];
        boolean[] taken = new boolean[METADATA_COLUMNS.size()];
        for (int i = 0; i < columns; i++) {
            int role = METADATA_COLUMNS.indexOf(header.get(i).strip().toLowerCase(java.util.Locale.ROOT));
            roles[i] = role >= 0 && !taken[role] ? role : -1;
            if (roles[i] >= 0) taken[role] = true;
        }
        header = null;
        return true;
    }

    /** A finished row, or null when it is a blank line (skipped). */
    private RawComment classify() {
        if (malformed || field != columns) return reject(RejectReason.MALFORMED_CSV, raw);
        if (bodyColumn < 0) return reject(RejectReason.MISSING_BODY, raw);
        if (bodyBytes > maxRecordBytes) return reject(RejectReason.TOO_LONG, raw);
        if (replaced) return reject(RejectReason.INVALID_UTF8, raw);
        String text = body.toString();
        RejectReason skip = RejectReason.forBody(text);
        if (skip != null) return reject(skip, raw);
        if (!metadata) return RawComment.body(text);
        return RawComment.body(text, metadataValue(0), metadataValue(1), metadataValue(2), RawComment.epochSeconds(metadataValue(3)));
    }

    private String metadataValue(int role) {
        return meta[role].length() == 0 ? null : meta[role].toString();
    }

    private RawComment openQuoteAtEnd() throws IOException {
        RawComment r = reject(RejectReason.MALFORMED_CSV,
                firstBreakOffset < 0 ? raw : raw.subSequence(0, rawAtFirstBreak));
        if (firstBreakOffset < 0 || resumes++ >= MAX_RESUMES) {
            done = true;
        } else {
            reader.close();
            reader = opener.open();
            bufPos = bufLen = 0;
            for (long toSkip = firstBreakOffset; toSkip > 0; ) {
                long n = reader.skip(toSkip);
                if (n <= 0) throw new IOException(file + " changed while being read");
                toSkip -= n;
            }
            offset = firstBreakOffset;
            line = rowLine + 1;
            pendingLF = firstBreakWasCR;
        }
        return r;
    }

    private RawComment reject(RejectReason reason, CharSequence rawText) {
        String where = columns < 0 ? file + ", header (line " + rowLine + ")"
                : file + ", row " + rows + " (line " + rowLine + ")";
        return RawComment.rejected(reason, rawText.toString(), where);
    }

    /** Reads one row, skipping blank lines; false at the end of the text. */
    private boolean readRow() throws IOException {
        int c;
        do {
            if (pendingLF && peek() == '\n') take();
            pendingLF = false;
            startRow();
            c = peek();
            if (c == '\n' || c == '\r') {
                take();
                pendingLF = c == '\r';
            }
        } while (c == '\n' || c == '\r');
        if (c < 0) return false;
        int state = FIELD_START;
        while ((c = take()) >= 0) {
            if ((c == '\n' || c == '\r') && firstBreakOffset < 0) {
                firstBreakOffset = offset;
                rawAtFirstBreak = raw.length();
                firstBreakWasCR = c == '\r';
            }
            rawTook = raw.length() < RawComment.MAX_RAW_START;
            if (rawTook) raw.append((char) c);
            if (c == '\uFFFD') replaced = true;
            switch (state) {
                case QUOTED -> {
                    if (c == '"') state = QUOTE_IN_QUOTED;
                    else add((char) c);
                }
                case QUOTE_IN_QUOTED -> {
                    if (c == '"') {
                        add('"');
                        state = QUOTED;
                    } else if (c == ',') {
                        endField();
                        state = FIELD_START;
                    } else if (c == '\n' || c == '\r') {
                        return endRow(c);
                    } else {
                        malformed = true; // text after a closing quote: kept, as most readers do
                        add((char) c);
                        state = UNQUOTED;
                    }
                }
                default -> {
                    if (c == '"' && state == FIELD_START) {
                        state = QUOTED;
                    } else if (c == ',') {
                        endField();
                        state = FIELD_START;
                    } else if (c == '\n' || c == '\r') {
                        return endRow(c);
                    } else {
                        add((char) c); // a quote inside an unquoted field is taken literally
                        state = UNQUOTED;
                    }
                }
            }
        }
        unterminated = state == QUOTED;
        endField();
        return true;
    }

    private void startRow() {
        raw.setLength(0);
        body.setLength(0);
        headerField.setLength(0);
        bodyBytes = 0;
        if (metadata) for (StringBuilder m : meta) m.setLength(0);
        field = 0;
        malformed = unterminated = replaced = false;
        rowLine = line;
        firstBreakOffset = -1;
    }

    private boolean endRow(int c) {
        pendingLF = c == '\r';
        if (rawTook) raw.setLength(raw.length() - 1); // the line break ends the row: not part of it
        endField();
        return true;
    }

    private void add(char c) {
        if (header != null) {
            if (headerField.length() < RawComment.MAX_RAW_START) headerField.append(c);
        } else if (field == bodyColumn) {
            bodyBytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
            if (bodyBytes <= maxRecordBytes) body.append(c);
        } else if (metadata && field < roles.length && roles[field] >= 0) {
            StringBuilder m = meta[roles[field]];
            if (m.length() < MAX_METADATA_CHARS) m.append(c);
        }
    }

    private void endField() {
        if (header != null) {
            header.add(headerField.toString());
            headerField.setLength(0);
        }
        field++;
    }

    private int peek() throws IOException {
        if (bufPos == bufLen) {
            bufLen = reader.read(buf, 0, buf.length);
            bufPos = 0;
            if (bufLen <= 0) {
                bufLen = 0;
                return -1;
            }
        }
        return buf[bufPos];
    }

    private int take() throws IOException {
        int c = peek();
        if (c >= 0) {
            bufPos++;
            offset++;
            if (c == '\n') line++;
        }
        return c;
    }

    void close() throws IOException {
        reader.close();
    }
}
