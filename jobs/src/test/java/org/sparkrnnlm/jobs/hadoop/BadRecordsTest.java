package org.sparkrnnlm.jobs.hadoop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BadRecordsTest {
    private enum Why implements BadRecords.Reason {
        BROKEN, SKIPPED {
            @Override
            public boolean countsAsBad() {
                return false;
            }
        };

        @Override
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    @Test
    void countsRecordsAndRejectionsByReasonAndAddsUp() {
        BadRecords a = BadRecords.of(Why.class);
        a.read(null);
        a.read(Why.BROKEN);
        BadRecords b = BadRecords.of(Why.class);
        b.read(Why.SKIPPED);
        b.read(Why.BROKEN);
        BadRecords sum = a.plus(b);
        sum.reject(Why.BROKEN, 3);
        assertEquals(4, sum.records());
        assertEquals(2, a.records(), "plus leaves its operands alone");
        assertEquals(Map.of(Why.BROKEN, 5L, Why.SKIPPED, 1L), sum.byReason(Why.class));
        assertEquals(5, BadRecords.bad(sum.byReason(Why.class)), "only reasons that count as bad");
        assertEquals(Map.of(), BadRecords.of(Why.class).byReason(Why.class));
    }

    @Test
    void theFractionFailsWithTheReadersOneLine() {
        BadRecords.checkFraction(5, 100, 0.05, "rows are bad", "the max bad fraction", "x 5", null);
        IllegalArgumentException rows = assertThrows(IllegalArgumentException.class,
                () -> BadRecords.checkFraction(1, 10, 0.05, "rows are bad", "the max bad fraction", "not_finite 1", null));
        assertEquals("1 of 10 rows are bad (10.00%: not_finite 1), over the max bad fraction 0.05", rows.getMessage());
        IllegalArgumentException withDir = assertThrows(IllegalArgumentException.class,
                () -> BadRecords.checkFraction(1, 10, 0.05, "rows are bad", "the max bad fraction", "not_finite 1", "/tmp/bad"));
        assertEquals("1 of 10 rows are bad (10.00%: not_finite 1), over the max bad fraction 0.05: see /tmp/bad", withDir.getMessage());
        IllegalArgumentException records = assertThrows(IllegalArgumentException.class,
                () -> BadRecords.checkFraction(2_000, 3_000, 0.1, "records are malformed", "--max-bad-fraction", null, "--bad-records"));
        assertEquals("2,000 of 3,000 records are malformed (66.67%), over --max-bad-fraction 0.1: see --bad-records", records.getMessage());
    }
}
