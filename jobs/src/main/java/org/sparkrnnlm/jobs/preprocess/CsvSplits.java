package org.sparkrnnlm.jobs.preprocess;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Where the splits of a plain CSV file start reading, so that a big CSV is read by many tasks, each
 * row exactly once, as the one-piece read has it. A row belongs to the split holding its first
 * byte; whether a byte offset is inside a quoted field (where a line break does not end the row)
 * depends on everything before it, so before the read one Spark job runs {@link CsvCommentParser}'s
 * state machine, on bytes, over every split from each of its five possible entry states at once
 * (lanes that reach one state merge, so mostly one or two run), and the driver chains the splits'
 * results from the file's start: each split's entry state, the rows and line breaks before it. The
 * split then finds its first row start (and its successor's) by running the machine a few bytes,
 * and parses exactly those rows. Structure bytes are ASCII, which UTF-8 never uses inside a
 * multi-byte character and which Java's decoder never swallows into a malformed one, so the byte
 * machine and the parser (on decoded chars) agree. A file whose quote is still open at its end (the
 * parser then rewinds to the line after that row's first) or whose first split holds no row start
 * is read whole by its first split instead. A byte-order mark at the file's start starts no row.
 */
final class CsvSplits {
    /** Job configuration key: the entries computed by {@link #prepare}. */
    static final String KEY = "rnnlm.preprocess.csv-splits";
    static final int ROW_START = 0, FIELD_START = 1, UNQUOTED = 2, QUOTED = 3, QUOTE_IN_QUOTED = 4;
    private static final int STATES = 5;
    private static final int OTHER = 0, QUOTE = 1, COMMA = 2, LF = 3, CR = 4;
    private static final int[] CLASS = new int[256];
    /** NEXT[state * 5 + class], and 1 where that step starts a row. */
    private static final int[] NEXT = new int[STATES * 5];
    private static final int[] STARTS = new int[STATES * 5];

    static {
        CLASS['"'] = QUOTE;
        CLASS[','] = COMMA;
        CLASS['\n'] = LF;
        CLASS['\r'] = CR;
        int[][] next = {
            // other, quote, comma, LF, CR
            {UNQUOTED, QUOTED, FIELD_START, ROW_START, ROW_START},          // ROW_START: a line break is a blank line
            {UNQUOTED, QUOTED, FIELD_START, ROW_START, ROW_START},          // FIELD_START
            {UNQUOTED, UNQUOTED, FIELD_START, ROW_START, ROW_START},        // UNQUOTED: a quote in it is literal
            {QUOTED, QUOTE_IN_QUOTED, QUOTED, QUOTED, QUOTED},              // QUOTED
            {UNQUOTED, QUOTED, FIELD_START, ROW_START, ROW_START},          // QUOTE_IN_QUOTED: "" or the end of the field
        };
        for (int s = 0; s < STATES; s++) {
            for (int c = 0; c < 5; c++) {
                NEXT[s * 5 + c] = next[s][c];
                STARTS[s * 5 + c] = s == ROW_START && c != LF && c != CR ? 1 : 0;
            }
        }
    }

    /** Where a split starts reading: the machine's state at its first byte, rows and line breaks before it. */
    record Entry(int state, long rowsBefore, long line) {
    }

    private CsvSplits() {
    }

    /**
     * Computes the entries of every CSV file of the job that has more than one split and stores them in
     * the job's configuration, where {@link CsvCommentInputFormat}'s reader finds them.
     */
    static void prepare(JavaSparkContext jsc, Configuration jobConf) throws IOException {
        List<InputSplit> splits = new CsvCommentInputFormat().getSplits(Job.getInstance(jobConf));
        Map<String, TreeMap<Long, Long>> byFile = new HashMap<>();
        for (InputSplit s : splits) {
            FileSplit f = (FileSplit) s;
            byFile.computeIfAbsent(f.getPath().toString(), p -> new TreeMap<>()).put(f.getStart(), f.getLength());
        }
        List<String> ranges = new ArrayList<>();
        byFile.forEach((file, starts) -> {
            if (starts.size() > 1) starts.forEach((start, length) -> ranges.add(start + "\t" + length + "\t" + file));
        });
        if (ranges.isEmpty()) return;
        byte[] conf = toBytes(jobConf);
        List<long[]> summaries = jsc.parallelize(ranges, ranges.size()).map(r -> scanRange(conf, r)).collect();
        Map<String, long[]> summaryOf = new HashMap<>();
        for (int i = 0; i < ranges.size(); i++) {
            String[] r = ranges.get(i).split("\t", 3);
            summaryOf.put(r[2] + "@" + r[0], summaries.get(i));
        }
        HashMap<String, long[]> entries = new HashMap<>();
        byFile.forEach((file, starts) -> {
            if (starts.size() < 2) return;
            int state = ROW_START;
            long rows = 0;
            long line = 1;
            boolean first = true;
            boolean headerInFirst = true;
            for (long start : starts.keySet()) {
                long[] s = summaryOf.get(file + "@" + start);
                entries.put(file + "@" + start, new long[] {state, rows, line});
                rows += s[STATES + state];
                state = (int) s[state];
                line += s[2 * STATES];
                if (first) headerInFirst = rows > 0;
                first = false;
            }
            // A quote open at the end: the parser rewinds, which only a whole read can follow.
            if (state == QUOTED || !headerInFirst) entries.put(file, new long[0]);
        });
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(entries);
        }
        jobConf.set(KEY, Base64.getEncoder().encodeToString(bytes.toByteArray()));
    }

    /** The computed entries of a job, by "file@start" (and by "file" for a file to read whole). */
    @SuppressWarnings("unchecked")
    static Map<String, long[]> entries(Configuration conf) throws IOException {
        String encoded = conf.get(KEY);
        if (encoded == null) return Map.of();
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(encoded)))) {
            return (Map<String, long[]>) in.readObject();
        } catch (ClassNotFoundException e) {
            throw new IOException(e);
        }
    }

    private static long[] scanRange(byte[] conf, String range) throws IOException {
        String[] r = range.split("\t", 3);
        long start = Long.parseLong(r[0]);
        long length = Long.parseLong(r[1]);
        Path file = new Path(r[2]);
        FileSystem fs = file.getFileSystem(fromBytes(conf));
        long bom = bomEnd(fs, file, start);
        try (FSDataInputStream in = fs.open(file)) {
            in.seek(start + bom);
            return scan(in, length - bom);
        }
    }

    /**
     * How many bytes from {@code offset} on are still the file's UTF-8 byte-order mark, which the
     * parser skips before anything (so it starts no row): 0 past it or without one.
     */
    static long bomEnd(FileSystem fs, Path file, long offset) throws IOException {
        if (offset >= 3) return 0;
        byte[] head = new byte[3];
        try (FSDataInputStream in = fs.open(file)) {
            int n = in.read(0, head, 0, 3);
            boolean bom = n == 3 && head[0] == (byte) 0xEF && head[1] == (byte) 0xBB && head[2] == (byte) 0xBF;
            return bom ? 3 - offset : 0;
        }
    }

    /**
     * The machine over the next {@code length} bytes of in, from each entry state: exit states
     * [0, 5), row starts [5, 10), then the count of LF bytes.
     */
    static long[] scan(InputStream in, long length) throws IOException {
        int[] laneState = {0, 1, 2, 3, 4};
        long[] laneRows = new long[STATES];
        int lanes = STATES;
        int[] laneOf = {0, 1, 2, 3, 4};
        long[] adjust = new long[STATES];
        long newlines = 0;
        byte[] buf = new byte[1 << 16];
        for (long left = length; left > 0; ) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) break;
            left -= n;
            for (int k = 0; k < n; k++) {
                int c = CLASS[buf[k] & 0xFF];
                if (c == LF) newlines++;
                if (lanes == 1) {
                    int t = laneState[0] * 5 + c;
                    laneRows[0] += STARTS[t];
                    laneState[0] = NEXT[t];
                    continue;
                }
                for (int l = 0; l < lanes; l++) {
                    int t = laneState[l] * 5 + c;
                    laneRows[l] += STARTS[t];
                    laneState[l] = NEXT[t];
                }
                // Lanes in one state run alike from here: keep one, remembering the others' row counts.
                for (int j = lanes - 1; j > 0; j--) {
                    for (int i = 0; i < j; i++) {
                        if (laneState[i] != laneState[j]) continue;
                        for (int e = 0; e < STATES; e++) {
                            if (laneOf[e] == j) {
                                adjust[e] += laneRows[j] - laneRows[i];
                                laneOf[e] = i;
                            }
                        }
                        int last = --lanes;
                        if (j != last) {
                            laneState[j] = laneState[last];
                            laneRows[j] = laneRows[last];
                            for (int e = 0; e < STATES; e++) if (laneOf[e] == last) laneOf[e] = j;
                        }
                        break;
                    }
                }
            }
        }
        long[] out = new long[2 * STATES + 1];
        for (int e = 0; e < STATES; e++) {
            out[e] = laneState[laneOf[e]];
            out[STATES + e] = laneRows[laneOf[e]] + adjust[e];
        }
        out[2 * STATES] = newlines;
        return out;
    }

    /**
     * The first row start at or after {@code from} (or the end of the file), reading in from there
     * in the given state, and the LF bytes passed on the way: {offset, newlines}.
     */
    static long[] firstRowStart(InputStream in, long from, int state) throws IOException {
        long pos = from;
        long newlines = 0;
        byte[] buf = new byte[1 << 13];
        int n;
        while ((n = in.read(buf)) > 0) {
            for (int k = 0; k < n; k++, pos++) {
                int c = CLASS[buf[k] & 0xFF];
                if (STARTS[state * 5 + c] == 1) return new long[] {pos, newlines};
                if (c == LF) newlines++;
                state = NEXT[state * 5 + c];
            }
        }
        return new long[] {pos, newlines};
    }

    static byte[] toBytes(Configuration conf) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            conf.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Configuration fromBytes(byte[] bytes) throws IOException {
        Configuration conf = new Configuration(false);
        conf.readFields(new DataInputStream(new ByteArrayInputStream(bytes)));
        return conf;
    }

    /** Opens a file at a byte offset (for the reader). */
    static FSDataInputStream openAt(FileSystem fs, Path file, long offset) throws IOException {
        FSDataInputStream in = fs.open(file);
        try {
            in.seek(offset);
            return in;
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }
}
