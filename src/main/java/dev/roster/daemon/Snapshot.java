package dev.roster.daemon;

import dev.roster.config.LoadResult;
import java.util.List;

/**
 * The desired state as read for one run: either loaded (then {@code errors} is empty) or not.
 *
 * @param loaded the valid desired state, or null when the files did not validate or could not be read
 * @param errors one line each (file:line:col: message); empty when loaded
 * @param commit the git commit the files came from, or null for local files
 * @param fetchFailed the files could not be fetched (git); false when they were read, valid or not
 */
public record Snapshot(LoadResult loaded, List<String> errors, String commit, boolean fetchFailed) {
    public Snapshot {
        errors = List.copyOf(errors);
    }

    /** Files that were read: loaded, or with the errors that kept them from loading. */
    public Snapshot(LoadResult loaded, List<String> errors, String commit) {
        this(loaded, errors, commit, false);
    }

    /** The files could not be fetched; {@code commit} is the last one fetched (or null). */
    public static Snapshot fetchFailure(String error, String commit) {
        return new Snapshot(null, List.of(error), commit, true);
    }

    public boolean isValid() {
        return loaded != null;
    }

    /** Where desired state came from, for log lines: "at commit 1a2b3c4d5e6f" or "from the local files". */
    public static String origin(String commit) {
        return commit == null ? "from the local files" : "at commit " + commit.substring(0, Math.min(12, commit.length()));
    }

    public String origin() {
        return origin(commit);
    }
}
