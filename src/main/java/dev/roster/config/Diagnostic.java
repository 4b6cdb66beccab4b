package dev.roster.config;

import dev.roster.model.SourceLocation;
import java.util.Comparator;
import java.util.Objects;

/**
 * One problem found while reading settings or desired-state files.
 *
 * @param location where it is, or null for a problem of the whole run (a missing path, say)
 */
public record Diagnostic(SourceLocation location, Severity severity, String message) {

    public enum Severity { ERROR, WARNING }

    /** File, then line, then column; whole-run diagnostics first. */
    public static final Comparator<Diagnostic> BY_LOCATION = Comparator
            .comparing((Diagnostic d) -> d.location() == null ? "" : d.location().file())
            .thenComparingInt(d -> d.location() == null ? 0 : d.location().line())
            .thenComparingInt(d -> d.location() == null ? 0 : d.location().column());

    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
    }

    public static Diagnostic error(SourceLocation location, String message) {
        return new Diagnostic(location, Severity.ERROR, message);
    }

    public static Diagnostic warning(SourceLocation location, String message) {
        return new Diagnostic(location, Severity.WARNING, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code path/to/file.yaml:LINE:COL: message}, or {@code ...: warning: message} for a warning. */
    @Override
    public String toString() {
        String prefix = location == null ? "" : location + ": ";
        return prefix + (severity == Severity.WARNING ? "warning: " : "") + message;
    }
}
