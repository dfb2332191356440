package org.sparkrnnlm.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProgressTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private long nanos = 1_000_000_000L;  // arbitrary origin: only differences count
    private final Progress progress = new Progress("train", 80_000, "sentences", Duration.ofSeconds(10),
            new PrintStream(bytes, true, StandardCharsets.UTF_8), () -> nanos);

    private void at(long seconds) {
        nanos = 1_000_000_000L + TimeUnit.SECONDS.toNanos(seconds);
    }

    private List<String> lines() {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void printsRateAndEtaFromTheClock() {
        at(171);  // 2:51 for 12,000 of 80,000 -> 70.2/s, 68,000 left -> 969 s
        progress.advance(12_000);

        assertEquals(List.of("train: 12,000/80,000 sentences (15.0%), 70.2 sentences/s, elapsed 0:02:51, ETA 0:16:09"),
                lines());
    }

    @Test
    void printsAtMostOncePerInterval() {
        at(5);
        progress.advance(1_000);   // < 10 s since start
        at(10);
        progress.advance(2_000);   // prints
        at(19);
        progress.advance(3_000);   // 9 s since last line
        at(20);
        progress.advance(4_000);   // prints

        List<String> lines = lines();
        assertEquals(2, lines.size());
        assertEquals("train: 2,000/80,000 sentences (2.5%), 200 sentences/s, elapsed 0:00:10, ETA 0:06:30",
                lines.get(0));
        assertEquals("train: 4,000/80,000 sentences (5.0%), 200 sentences/s, elapsed 0:00:20, ETA 0:06:20",
                lines.get(1));
    }

    @Test
    void finishPrintsTotalElapsedRegardlessOfInterval() {
        at(1140);
        progress.advance(80_000);  // also prints: interval passed
        progress.finish();
        progress.finish();         // only once

        List<String> lines = lines();
        assertEquals(2, lines.size());
        assertEquals("train: 80,000/80,000 sentences (100.0%), 70.2 sentences/s, elapsed 0:19:00", lines.get(1));
    }
}
