package org.sparkrnnlm.jobs.preprocess;

import org.apache.hadoop.conf.Configuration;
import org.sparkrnnlm.jobs.hadoop.AbstractJsonLinesInputFormat;
import org.sparkrnnlm.jobs.hadoop.LineParser;

/** Pushshift JSON lines read into RawComments. Public for Spark's reflection. */
public final class JsonLinesInputFormat extends AbstractJsonLinesInputFormat<RawComment> {
    @Override
    protected LineParser<RawComment> parser(Configuration conf, long maxRecordBytes) {
        return new JsonLineParser(maxRecordBytes, conf.getBoolean(CommentSources.METADATA_KEY, false));
    }
}
