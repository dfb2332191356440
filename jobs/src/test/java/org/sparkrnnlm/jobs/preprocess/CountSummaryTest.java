package org.sparkrnnlm.jobs.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparkrnnlm.core.text.Vocabulary;
import org.sparkrnnlm.core.text.VocabularyRanking.WordCount;
import org.sparkrnnlm.jobs.hadoop.BadRecords;

class CountSummaryTest {
    private static BadRecords tally(int good, int malformed) {
        BadRecords t = BadRecords.of(RejectReason.class);
        for (int i = 0; i < good; i++) t.read(null);
        for (int i = 0; i < malformed; i++) t.read(RejectReason.MALFORMED_JSON);
        return t;
    }

    private static CountSummary of(List<Object> entries) {
        CountSummary s = CountSummary.empty();
        for (Object e : entries) s.add(e);
        return s;
    }

    @Test
    void wordsTalliesAndChunksAddUpAcrossPartitions() {
        CountSummary first = of(List.of(new WordCount(Vocabulary.SENTENCE_START, 5, 0, 0), new WordCount("the", 7, 0, 1), tally(4, 1),
                new long[] {0, 0, 5}));
        CountSummary second = of(List.of(new WordCount(Vocabulary.SENTENCE_END, 5, 0, 3), tally(2, 0), new long[] {0, 9, 2}));
        CountSummary both = first.merge(second);
        assertEquals(17, both.tokens());
        assertEquals(5, both.sentences(), "SENTENCE_START's count");
        assertEquals(3, both.distinct());
        assertEquals(7, both.tally().records());
        assertEquals(1L, both.tally().byReason(RejectReason.class).get(RejectReason.MALFORMED_JSON));
        assertArrayEquals(new long[] {0, 0, 5, 0, 9, 2}, both.chunkSentences());
    }

    @Test
    void anEmptySummaryCountsNothing() {
        CountSummary s = CountSummary.empty();
        assertEquals(0, s.tokens() + s.sentences() + s.distinct() + s.tally().records() + s.chunkSentences().length);
    }
}
