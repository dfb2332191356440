package org.sparkrnnlm.jobs.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.Test;

class LineRunsTest {
    private static List<LineRuns.Run> runs(InputStream in, int runBytes, int lineLimit, long maxPiece, LongPredicate owned) {
        List<LineRuns.Run> out = new ArrayList<>();
        new LineRuns(in, runBytes, lineLimit, maxPiece, owned).forEachRemaining(out::add);
        return out;
    }

    private static List<LineRuns.Run> runs(byte[] data, int runBytes, int lineLimit) {
        return runs(new ByteArrayInputStream(data), runBytes, lineLimit, Long.MAX_VALUE, o -> true);
    }

    /** Lines of random lengths (some empty) ending in LF, CR or CRLF. */
    private static byte[] lines(long seed, int count) {
        Random random = new Random(seed);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sb.append("x".repeat(random.nextInt(12))).append(List.of("\n", "\r", "\r\n").get(random.nextInt(3)));
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Hands out at most a few bytes per read, as a decompressor may. */
    private static InputStream trickling(byte[] data, long seed) {
        Random random = new Random(seed);
        return new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1 + random.nextInt(5)));
            }
        };
    }

    private static String text(LineRuns.Run r) {
        return new String(r.bytes(), StandardCharsets.US_ASCII);
    }

    @Test
    void runsAreTheStreamEndToEndWithTheirOffsets() {
        byte[] data = lines(1, 300);
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        long offset = 0;
        for (LineRuns.Run r : runs(data, 16, 100)) {
            assertEquals(offset, r.offset());
            assertEquals(r.bytes().length, r.consumed());
            joined.writeBytes(r.bytes());
            offset += r.consumed();
        }
        assertArrayEquals(data, joined.toByteArray());
    }

    @Test
    void everyRunButTheLastEndsWithALineAndNeverInsideACrLf() {
        byte[] data = lines(2, 300);
        List<LineRuns.Run> runs = runs(data, 16, 100);
        for (LineRuns.Run r : runs.subList(0, runs.size() - 1)) {
            byte last = r.bytes()[r.bytes().length - 1];
            assertTrue(last == '\n' || last == '\r', text(r));
            if (last == '\r') assertTrue(data[(int) (r.offset() + r.consumed())] != '\n', "a CRLF cut at " + r.offset());
        }
    }

    @Test
    void cutsDoNotDependOnReadSizes() {
        byte[] data = lines(3, 300);
        List<String> whole = runs(data, 16, 100).stream().map(LineRunsTest::text).toList();
        List<String> trickled = runs(trickling(data, 4), 16, 100, Long.MAX_VALUE, o -> true).stream().map(LineRunsTest::text).toList();
        assertEquals(whole, trickled);
    }

    @Test
    void unownedRunsAreSkippedWithoutChangingTheOthers() {
        byte[] data = lines(5, 300);
        List<LineRuns.Run> all = runs(data, 16, 100);
        List<LineRuns.Run> odd = runs(new ByteArrayInputStream(data), 16, 100, Long.MAX_VALUE, o -> o % 2 == 1);
        assertEquals(all.stream().filter(r -> r.ordinal() % 2 == 1).map(r -> r.offset() + ":" + text(r)).toList(),
                odd.stream().map(r -> r.offset() + ":" + text(r)).toList());
    }

    @Test
    void aLineLongerThanARunButWithinTheLimitStaysWhole() {
        byte[] data = ("ab\n" + "y".repeat(40) + "\r\ncd\n").getBytes(StandardCharsets.US_ASCII);
        assertEquals(List.of("ab\n", "y".repeat(40) + "\r\ncd\n"), runs(data, 4, 50).stream().map(LineRunsTest::text).toList());
    }

    @Test
    void anOverLongLineKeepsItsFirstBytesAndCountsAllOfThem() {
        byte[] data = ("ab\n" + "z".repeat(100) + "\r\ncd\n").getBytes(StandardCharsets.US_ASCII);
        List<LineRuns.Run> runs = runs(data, 4, 10);
        LineRuns.Run longOne = runs.stream().filter(LineRuns.Run::overlong).findFirst().orElseThrow();
        assertEquals("z".repeat(10), text(longOne));
        assertEquals(3, longOne.offset());
        assertEquals(102, longOne.consumed());
        assertEquals("cd\n", text(runs.get(runs.size() - 1)));
        assertEquals(105, runs.get(runs.size() - 1).offset());
    }

    @Test
    void anOverLongLineWhoseCrEndsABufferTakesTheLfAfterIt() {
        // The buffer grows to 12 bytes: the CR at 59 is the last byte of the buffer [48, 60).
        byte[] data = ("z".repeat(59) + "\r\nok\n").getBytes(StandardCharsets.US_ASCII);
        List<LineRuns.Run> runs = runs(data, 4, 10);
        assertEquals(List.of(0L, 61L), runs.stream().map(LineRuns.Run::offset).toList());
        assertEquals("ok\n", text(runs.get(1)));
    }

    @Test
    void aLineLongerThanTheMostOneReadMayConsumeComesInPieces() {
        byte[] data = ("z".repeat(100) + "\n").getBytes(StandardCharsets.US_ASCII);
        List<LineRuns.Run> runs = runs(new ByteArrayInputStream(data), 4, 30, 40, o -> true);
        assertEquals(List.of(0L, 40L, 80L), runs.stream().map(LineRuns.Run::offset).toList());
        assertEquals(List.of(true, true, false), runs.stream().map(LineRuns.Run::overlong).toList());
        assertEquals("z".repeat(20) + "\n", text(runs.get(2)));
    }
}
