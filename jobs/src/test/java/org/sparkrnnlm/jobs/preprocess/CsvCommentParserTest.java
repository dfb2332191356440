package org.sparkrnnlm.jobs.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CSV state machine alone, without Spark: edge cases of recovery. */
class CsvCommentParserTest {
    private static List<RawComment> parse(String text) throws IOException {
        CsvCommentParser parser = new CsvCommentParser(() -> new StringReader(text), "mem.csv", 1 << 20);
        List<RawComment> out = new ArrayList<>();
        for (RawComment r; (r = parser.next()) != null; ) out.add(r);
        assertNull(parser.next());
        return out;
    }

    @Test
    void crOnlyLineBreaksEndRows() throws IOException {
        assertEquals(List.of(RawComment.body("a"), RawComment.body("b\rc")), parse("body\ra\r\"b\rc\"\r"));
    }

    @Test
    void unreadableHeaderMakesTheFileOneMalformedRecord() throws IOException {
        List<RawComment> records = parse("\"body\nrow 1\nrow 2\n");
        assertEquals(1, records.size());
        assertEquals(RejectReason.MALFORMED_CSV, records.get(0).reason());
        assertEquals("mem.csv, header (line 1)", records.get(0).source());
    }

    @Test
    void resumingAfterOpenQuotesIsBoundedPerFile() throws IOException {
        // From any line start, each line closes the previous line's quote and opens a new one, so
        // every resume again ends inside quotes at the end of the file.
        StringBuilder text = new StringBuilder("body\n");
        for (int i = 0; i < CsvCommentParser.MAX_RESUMES + 5; i++) text.append("x\",\"y\n");
        List<RawComment> records = parse(text.toString());
        // One rejection per resumed row, then the rest of the file as one last rejection.
        assertEquals(CsvCommentParser.MAX_RESUMES + 1, records.size());
        records.forEach(r -> assertEquals(RejectReason.MALFORMED_CSV, r.reason()));
        assertEquals("x\",\"y", records.get(0).rawStart());
    }

    @Test
    void blankLinesBetweenRowsAreSkipped() throws IOException {
        assertEquals(List.of(RawComment.body("a"), RawComment.body("b")), parse("\n\nbody\n\na\r\n\r\n\nb"));
    }
}
