package org.sparkrnnlm.jobs.report;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress lines with rate and ETA for long work, printed to a PrintStream at most every
 * {@code interval} (plus the final one), e.g.
 * {@code train: 12,000/80,000 sentences (15.0%), 70.2 sentences/s, elapsed 0:02:51, ETA 0:16:09}.
 * A total of zero or less means "unknown": the percentage and ETA are left out.
 */
public final class Progress {
    private final String what;
    private final long total;
    private final String unit;
    private final long intervalNanos;
    private final PrintStream out;
    private final LongSupplier nanoClock;
    private final long start;
    private long lastPrint;
    private long done;
    private boolean finished;

    public Progress(String what, long total, String unit, Duration interval, PrintStream out,
            LongSupplier nanoClock) {
        this.what = what;
        this.total = total;
        this.unit = unit;
        this.intervalNanos = interval.toNanos();
        this.out = out;
        this.nanoClock = nanoClock;
        this.start = this.lastPrint = nanoClock.getAsLong();
    }

    /** Records the absolute amount done so far; prints a line if {@code interval} has passed since the last one. */
    public synchronized void advance(long done) {
        this.done = done;
        long now = nanoClock.getAsLong();
        if (!finished && now - lastPrint >= intervalNanos) {
            lastPrint = now;
            out.println(line(now, true));
        }
    }

    /** Prints the final line with the total elapsed time (once). */
    public synchronized void finish() {
        if (finished) return;
        finished = true;
        out.println(line(nanoClock.getAsLong(), false));
    }

    private String line(long now, boolean withEta) {
        double seconds = (now - start) / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%s: %,d", what, done));
        if (total > 0) s.append(String.format(Locale.ROOT, "/%,d %s (%.1f%%)", total, unit, 100.0 * done / total));
        else s.append(' ').append(unit);
        s.append(String.format(Locale.ROOT, rate >= 100 ? ", %,.0f %s/s" : ", %,.1f %s/s", rate, unit));
        s.append(", elapsed ").append(clock(seconds));
        if (withEta && total > 0 && rate > 0) s.append(", ETA ").append(clock(Math.max(0, total - done) / rate));
        return s.toString();
    }

    /** H:MM:SS, hours unbounded. */
    static String clock(double seconds) {
        long t = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d:%02d", t / 3600, t / 60 % 60, t % 60);
    }
}
