package dev.roster.cli;

import java.io.PrintWriter;
import java.time.Duration;

/**
 * A one-line progress bar on stderr for long runs: items done, rate and time left. Drawn only when
 * stderr is a terminal and the caller allows it (never with {@code --format json}); otherwise does
 * nothing. Redrawn at most ten times a second.
 */
final class Progress implements AutoCloseable {
    private final String label;
    private final PrintWriter err;
    private final boolean enabled;
    private final long start = System.nanoTime();
    private long lastDraw;
    private boolean drawn;

    private Progress(String label, PrintWriter err, boolean enabled) {
        this.label = label;
        this.err = err;
        this.enabled = enabled;
    }

    static Progress start(String label, PrintWriter err, boolean allowed) {
        return new Progress(label, err, allowed && Terminal.isInteractive());
    }

    synchronized void update(int done, int total) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw < 100_000_000L) {
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
        line.append(String.format(" %.0f/s  ", rate));
        err.print(line);
        err.flush();
    }

    private static String format(Duration d) {
        return d.toMinutes() > 0 ? d.toMinutes() + "m" + d.toSecondsPart() + "s" : d.toSeconds() + "s";
    }

    @Override
    public synchronized void close() {
        if (drawn) {
            err.print("\r\033[K");
            err.flush();
        }
    }
}
