package dev.roster.daemon;

import java.util.Locale;

/** How one run of a bot ended; the {@code result} label of {@code roster_runs_total}. */
public enum RunResult {
    /** Converged, or every change applied. */
    OK,
    /** Report mode: the live groups differ from the files; nothing was written. */
    DRIFT,
    /** Some group failed or was refused, or some reads failed; the rest went on. */
    FAILED,
    /** The desired files did not validate (or could not be fetched): nothing was applied. */
    INVALID,
    /** Another node holds this bot's lock: this node did nothing. */
    SKIPPED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
