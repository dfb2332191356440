package org.sparkrnnlm.jobs.hadoop;

import java.io.IOException;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.Seekable;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.compress.CodecPool;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.io.compress.Decompressor;
import org.apache.hadoop.io.compress.SplitCompressionInputStream;
import org.apache.hadoop.io.compress.SplittableCompressionCodec;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.input.CompressedSplitLineReader;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.input.SplitLineReader;
import org.apache.hadoop.mapreduce.lib.input.UncompressedSplitLineReader;

/**
 * Hadoop's LineRecordReader (same split protocol: skip the first partial line unless at offset 0,
 * read one line past the end), except that a line keeps at most maxRecordBytes + 1 bytes in memory
 * and an over-long line goes to the parser (which rejects it as too long) instead of being skipped
 * unreported (LineRecordReader's maxlength) or growing a Text toward 2 GB. Keys are line offsets;
 * values are what the {@link LineParser} makes of each line.
 */
final class JsonLinesRecordReader<V> extends RecordReader<LongWritable, V> implements LineParser.Source {
    /** Builds the split's parser once the job's configuration is known. */
    interface ParserFactory<V> {
        LineParser<V> create(Configuration conf, long maxRecordBytes);
    }

    private final ParserFactory<V> parsers;
    private long start;
    private long pos;
    private long end;
    private long lineStart;
    private SplitLineReader in;
    private Seekable filePosition;
    private boolean compressed;
    private boolean offsetsMeaningful;
    private Decompressor decompressor;
    private Path file;
    private int keep;
    private int maxConsume;
    private LineParser<V> parser;
    private final Text line = new Text();
    private final LongWritable key = new LongWritable();
    private V value;

    JsonLinesRecordReader(ParserFactory<V> parsers) {
        this.parsers = parsers;
    }

    @Override
    public void initialize(InputSplit genericSplit, TaskAttemptContext context) throws IOException {
        FileSplit split = (FileSplit) genericSplit;
        Configuration conf = context.getConfiguration();
        long maxRecordBytes = HadoopInputs.maxRecordBytes(conf);
        parser = parsers.create(conf, maxRecordBytes);
        keep = (int) (maxRecordBytes + 1);
        // Never let one readLine pass Integer.MAX_VALUE bytes (LineReader then throws): a line
        // longer than that comes back in pieces, each a TOO_LONG record.
        maxConsume = Integer.MAX_VALUE - 2 * conf.getInt("io.file.buffer.size", 65536) - 16;
        start = split.getStart();
        end = start + split.getLength();
        file = split.getPath();
        FSDataInputStream fileIn = file.getFileSystem(conf).open(file);
        try {
            CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(file);
            offsetsMeaningful = !(codec instanceof SplittableCompressionCodec);
            if (codec == null) {
                fileIn.seek(start);
                in = new UncompressedSplitLineReader(fileIn, conf, null, split.getLength());
                filePosition = fileIn;
            } else {
                compressed = true;
                decompressor = CodecPool.getDecompressor(codec);
                if (codec instanceof SplittableCompressionCodec sc) {
                    SplitCompressionInputStream cIn = sc.createInputStream(fileIn, decompressor, start, end,
                            SplittableCompressionCodec.READ_MODE.BYBLOCK);
                    in = new CompressedSplitLineReader(cIn, conf, null);
                    start = cIn.getAdjustedStart();
                    end = cIn.getAdjustedEnd();
                    filePosition = cIn;
                } else {
                    if (start != 0) throw new IOException("cannot split " + file + ": its compression is not splittable");
                    in = new SplitLineReader(codec.createInputStream(fileIn, decompressor), conf, null);
                    filePosition = fileIn;
                }
            }
            // The previous split reads the line that crosses into this one.
            if (start != 0) start += in.readLine(new Text(), 0, maxConsume);
            pos = start;
        } catch (IOException | RuntimeException e) {
            fileIn.close();
            throw e;
        }
    }

    @Override
    public boolean nextKeyValue() throws IOException {
        while (filePosition() <= end || in.needAdditionalRecordAfterSplit()) {
            lineStart = pos;
            int consumed;
            try {
                consumed = readLine();
            } catch (IOException e) {
                // Damaged compressed data or a failing file system: fail (and retry) naming the file.
                throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
            }
            if (consumed == 0) break;
            V c = parser.parse(line.getBytes(), line.getLength(), this);
            if (c != null) {
                key.set(lineStart);
                value = c;
                return true;
            }
        }
        value = null;
        return false;
    }

    private int readLine() throws IOException {
        boolean first = pos == 0;
        int consumed = in.readLine(line, first ? keep + 3 : keep, maxConsume);
        pos += consumed;
        byte[] b = line.getBytes();
        if (first && line.getLength() >= 3 && b[0] == (byte) 0xEF && b[1] == (byte) 0xBB && b[2] == (byte) 0xBF) {
            line.set(Arrays.copyOfRange(b, 3, line.getLength()));
        }
        return consumed;
    }

    private long filePosition() throws IOException {
        return compressed ? filePosition.getPos() : pos;
    }

    @Override
    public String describe() {
        return LineBytes.describe(file.toString(), offsetsMeaningful, compressed, lineStart);
    }

    @Override
    public LongWritable getCurrentKey() {
        return key;
    }

    @Override
    public V getCurrentValue() {
        return value;
    }

    @Override
    public float getProgress() throws IOException {
        return start == end ? 0f : Math.min(1f, (filePosition() - start) / (float) (end - start));
    }

    @Override
    public void close() throws IOException {
        try {
            if (in != null) in.close();
        } finally {
            if (decompressor != null) CodecPool.returnDecompressor(decompressor);
            decompressor = null;
        }
    }
}
