package org.sparkrnnlm.jobs.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RejectReasonTest {
    @Test
    void labelsAreLowerSnakeCase() {
        assertEquals(List.of("malformed_csv", "malformed_json", "invalid_utf8", "too_long", "missing_body", "empty",
                "deleted", "removed"), Arrays.stream(RejectReason.values()).map(RejectReason::label).toList());
    }

    @Test
    void onlyDamagedInputCountsAsBad() {
        assertEquals(List.of(RejectReason.MALFORMED_CSV, RejectReason.MALFORMED_JSON, RejectReason.INVALID_UTF8,
                RejectReason.TOO_LONG, RejectReason.MISSING_BODY),
                Arrays.stream(RejectReason.values()).filter(RejectReason::countsAsBad).toList());
    }

    @Test
    void rawStartIsClippedToAThousandCharsWithoutSplittingAPair() {
        String raw = "x".repeat(999) + "\ud83d\ude00" + "tail";
        RawComment r = RawComment.rejected(RejectReason.TOO_LONG, raw, "f");
        assertEquals("x".repeat(999), r.rawStart());
        assertEquals(1000, RawComment.rejected(RejectReason.TOO_LONG, "y".repeat(5000), "f").rawStart().length());
    }
}
