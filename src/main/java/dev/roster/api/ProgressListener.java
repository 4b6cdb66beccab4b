package dev.roster.api;

/** Told how far a long run has come: {@code done} of {@code total} groups read or applied. */
@FunctionalInterface
public interface ProgressListener {
    void update(int done, int total);

    ProgressListener NONE = (done, total) -> { };
}
