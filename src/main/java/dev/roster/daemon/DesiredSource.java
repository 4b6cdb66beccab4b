package dev.roster.daemon;

/**
 * Where the desired-state files come from. Read again at every run, so edits apply without a restart.
 * Implementations are thread-safe: bot jobs run in parallel.
 */
public interface DesiredSource {
    /** The files as they are now; never throws for invalid files or a failed fetch, those are errors of the snapshot. */
    Snapshot read();
}
