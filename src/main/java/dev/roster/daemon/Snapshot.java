package dev.roster.daemon;

import dev.roster.config.LoadResult;
import java.util.List;

/**
 * The desired state as read for one run: either loaded (then {@code errors} is empty) or not.
 *
 * @param loaded the valid desired state, or null when the files did not validate or could not be read
 * @param errors one line each (file:line:col: message); empty when loaded
 * @param commit the git commit the files came from, or null for local files
 */
public record Snapshot(LoadResult loaded, List<String> errors, String commit) {
    public Snapshot {
        errors = List.copyOf(errors);
    }

    public boolean isValid() {
        return loaded != null;
    }
}
