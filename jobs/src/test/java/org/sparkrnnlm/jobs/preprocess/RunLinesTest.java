package org.sparkrnnlm.jobs.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.task.TaskAttemptContextImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkrnnlm.jobs.hadoop.AbstractJsonLinesInputFormat;
import org.sparkrnnlm.jobs.hadoop.LineParser;

class RunLinesTest {
    private static final int KEEP = 6;

    @TempDir
    Path dir;

    /** Every line as the record reader of a plain JSON-lines read frames it: "offset:bytes". */
    public static final class Framed extends AbstractJsonLinesInputFormat<String> {
        @Override
        protected LineParser<String> parser(Configuration conf, long maxRecordBytes) {
            return (bytes, length, source) -> new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
        }
    }

    private List<String> readerLines(byte[] data) throws IOException, InterruptedException {
        Path file = Files.write(dir.resolve("lines-" + System.nanoTime() + ".json"), data);
        Configuration conf = new Configuration();
        conf.setLong("rnnlm.preprocess.max-record-bytes", KEEP - 1);
        FileSplit split = new FileSplit(new org.apache.hadoop.fs.Path(file.toUri()), 0, data.length, null);
        TaskAttemptContext context = new TaskAttemptContextImpl(conf, new TaskAttemptID());
        List<String> out = new ArrayList<>();
        try (RecordReader<LongWritable, String> reader = new Framed().createRecordReader(split, context)) {
            reader.initialize(split, context);
            while (reader.nextKeyValue()) out.add(reader.getCurrentKey().get() + ":" + reader.getCurrentValue());
        }
        return out;
    }

    private static List<String> runLines(byte[] data) {
        List<String> out = new ArrayList<>();
        new LineRuns(new ByteArrayInputStream(data), 5, KEEP + 3, Long.MAX_VALUE, o -> true).forEachRemaining(run -> {
            RunLines lines = new RunLines(run.bytes(), run.offset(), KEEP);
            while (lines.advance()) {
                out.add(lines.lineStart() + ":" + new String(lines.data(), lines.from(), lines.length(), StandardCharsets.ISO_8859_1));
            }
        });
        return out;
    }

    /** Short and over-long lines, blank ones, every terminator, a byte order mark at the start of some. */
    private static byte[] randomLines(Random random) {
        StringBuilder sb = new StringBuilder(random.nextBoolean() ? "\u00EF\u00BB\u00BF" : "");
        for (int i = random.nextInt(30); i > 0; i--) {
            sb.append("ab {".repeat(5), 0, random.nextInt(21));
            sb.append(List.of("\n", "\r", "\r\n", "\n\n").get(random.nextInt(4)));
        }
        if (random.nextBoolean()) sb.append("tail");
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void framesLinesAsTheJsonLinesRecordReaderDoes() throws Exception {
        Random random = new Random(7);
        for (int i = 0; i < 60; i++) {
            byte[] data = randomLines(random);
            assertEquals(readerLines(data), runLines(data), new String(data, StandardCharsets.ISO_8859_1));
        }
    }
}
