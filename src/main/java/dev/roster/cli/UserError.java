package dev.roster.cli;

import dev.roster.config.ConfigException;
import dev.roster.config.Diagnostic;
import java.util.List;

/**
 * An error whose message is complete and meant for the user as is (no "error:" prefix added, no trace). Invalid
 * files also carry their diagnostics, for output as data ({@code validate --format json}).
 */
public final class UserError extends RuntimeException {
    private final transient List<Diagnostic> diagnostics;

    public UserError(String message) {
        this(message, List.of());
    }

    UserError(ConfigException invalid) {
        this(invalid.getMessage(), invalid.diagnostics());
    }

    private UserError(String message, List<Diagnostic> diagnostics) {
        super(message);
        this.diagnostics = List.copyOf(diagnostics);
    }

    /** The located problems behind this error; empty for an error of another kind. */
    List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
