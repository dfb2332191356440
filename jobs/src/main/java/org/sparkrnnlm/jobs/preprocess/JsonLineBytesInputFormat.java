package org.sparkrnnlm.jobs.preprocess;

import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.sparkrnnlm.jobs.hadoop.AbstractJsonLinesInputFormat;
import org.sparkrnnlm.jobs.hadoop.LineBytes;
import org.sparkrnnlm.jobs.hadoop.LineParser;

/**
 * JSON lines framed but not parsed: each non-blank line's bytes (cut to maxRecordBytes + 1, as
 * {@link JsonLineParser} receives them), keyed by the line's offset. The one task that decompresses
 * a single-stream dump does only this; {@link RecordChunk} parses the lines where they are tokenized.
 * Public for Spark's reflection.
 */
public final class JsonLineBytesInputFormat extends AbstractJsonLinesInputFormat<byte[]> {
    @Override
    protected LineParser<byte[]> parser(Configuration conf, long maxRecordBytes) {
        // Blank lines are dropped here as JsonLineParser drops them; an over-long one goes on (TOO_LONG there).
        return (bytes, length, source) ->
                length <= maxRecordBytes && LineBytes.isBlank(bytes, length) ? null : Arrays.copyOf(bytes, length);
    }
}
