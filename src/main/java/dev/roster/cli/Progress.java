package dev.roster.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of a long run on stderr. On a terminal, when the caller allows it (never with {@code --format
 * json}): a one-line bar with items done, rate and time left, redrawn at most ten times a second. Elsewhere
 * (CI logs): a plain line every {@value #LOG_EVERY_SECONDS} seconds, {@code Reading groups: 3,000/10,000, 42 s},
 * and nothing for a run shorter than that.
 */
final class Progress implements AutoCloseable {
    static final int LOG_EVERY_SECONDS = 5;
    private static final long SECOND = 1_000_000_000L;

    /** How progress is shown. */
    enum Mode { BAR, LINES, OFF }

    private final String label;
    private final PrintWriter err;
    private final Mode mode;
    private final LongSupplier nanoTime;
    private final long start;
    private long lastDraw;
    private long nextLine;
    private boolean drawn;

    Progress(String label, PrintWriter err, Mode mode, LongSupplier nanoTime) {
        this.label = label;
        this.err = err;
        this.mode = mode;
        this.nanoTime = nanoTime;
        this.start = nanoTime.getAsLong();
        this.nextLine = start + LOG_EVERY_SECONDS * SECOND;
    }

    /** @param barAllowed whether a bar may be drawn on a terminal (not when stdout holds data for a machine) */
    static Progress start(String label, PrintWriter err, boolean barAllowed) {
        Mode mode = !Terminal.isInteractive() ? Mode.LINES : barAllowed ? Mode.BAR : Mode.OFF;
        return new Progress(label, err, mode, System::nanoTime);
    }

    synchronized void update(int done, int total) {
        switch (mode) {
            case BAR -> drawBar(done, total);
            case LINES -> logLine(done, total);
            case OFF -> { }
        }
    }

    private void logLine(int done, int total) {
        long now = nanoTime.getAsLong();
        if (now - nextLine < 0) {
            return;
        }
        nextLine = now + LOG_EVERY_SECONDS * SECOND;
        String of = total > 0 ? String.format(Locale.ROOT, "/%,d", total) : "";
        err.println(String.format(Locale.ROOT, "%s: %,d%s, %d s", label, done, of, (now - start) / SECOND));
        err.flush();
    }

    private void drawBar(int done, int total) {
        long now = nanoTime.getAsLong();
        if (now - lastDraw < SECOND / 10) {
            return;
        }
        lastDraw = now;
        drawn = true;
        double seconds = Math.max(1e-3, (now - start) / 1e9);
        double rate = done / seconds;
        StringBuilder line = new StringBuilder("\r").append(label).append(": ").append(done);
        if (total > 0) {
            int width = 24;
            int filled = (int) Math.min(width, (long) width * done / total);
            line.append('/').append(total).append(" [").append("#".repeat(filled)).append(" ".repeat(width - filled))
                    .append(']');
            if (rate > 0 && done < total) {
                line.append(" ").append(format(Duration.ofSeconds((long) ((total - done) / rate)))).append(" left");
            }
        }
        line.append(String.format(Locale.ROOT, " %.0f/s  ", rate));
        err.print(line);
        err.flush();
    }

    private static String format(Duration d) {
        return d.toMinutes() > 0 ? d.toMinutes() + "m" + d.toSecondsPart() + "s" : d.toSeconds() + "s";
    }

    @Override
    public synchronized void close() {
        if (mode == Mode.BAR && drawn) {
            err.print("\r\033[K");
            err.flush();
        }
    }
}
