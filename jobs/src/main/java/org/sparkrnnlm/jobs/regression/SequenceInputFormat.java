package org.sparkrnnlm.jobs.regression;

import org.apache.hadoop.conf.Configuration;
import org.sparkrnnlm.jobs.hadoop.AbstractJsonLinesInputFormat;
import org.sparkrnnlm.jobs.hadoop.LineParser;

/** Sequence JSON lines read into SequenceRecords. Public for Spark's reflection. */
public final class SequenceInputFormat extends AbstractJsonLinesInputFormat<SequenceRecord> {
    /** Hadoop configuration key of the expected shape ({@link SequenceShape#encode}). */
    static final String EXPECTED_SHAPE_KEY = "rnnlm.regression.expected-shape";
    /** Hadoop configuration key: rows without target are good (for prediction). */
    static final String TARGET_OPTIONAL_KEY = "rnnlm.regression.target-optional";

    @Override
    protected LineParser<SequenceRecord> parser(Configuration conf, long maxRecordBytes) {
        return new SequenceLineParser(maxRecordBytes, SequenceShape.decode(conf.get(EXPECTED_SHAPE_KEY, SequenceShape.ANY.encode())),
                conf.getBoolean(TARGET_OPTIONAL_KEY, false));
    }
}
