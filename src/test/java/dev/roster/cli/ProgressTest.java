package dev.roster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Progress outside a terminal: a plain line every few seconds, on a clock the test moves. */
class ProgressTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void outsideATerminalALineEveryFewSecondsAndNothingForAShortRun() {
        AtomicLong now = new AtomicLong(7 * SECOND);
        StringWriter err = new StringWriter();
        try (Progress progress = new Progress("Reading groups", new PrintWriter(err), Progress.Mode.LINES, now::get)) {
            progress.update(10, 10_000);
            now.addAndGet(4 * SECOND);
            progress.update(2_000, 10_000);
            assertThat(err.toString()).as("nothing before the first interval").isEmpty();

            now.addAndGet(SECOND);
            progress.update(3_000, 10_000);
            now.addAndGet(SECOND);
            progress.update(3_500, 10_000);
            now.addAndGet(36 * SECOND);
            progress.update(9_000, 10_000);
        }

        assertThat(err.toString().lines()).containsExactly(
                "Reading groups: 3,000/10,000, 5 s",
                "Reading groups: 9,000/10,000, 42 s");
    }

    @Test
    void offPrintsNothing() {
        AtomicLong now = new AtomicLong();
        StringWriter err = new StringWriter();
        try (Progress progress = new Progress("Applying", new PrintWriter(err), Progress.Mode.OFF, now::get)) {
            now.addAndGet(60 * SECOND);
            progress.update(1, 2);
        }
        assertThat(err.toString()).isEmpty();
    }
}
