package dev.roster.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Invalid settings or desired-state files. Holds every error of the run, sorted by file, line and
 * column; its message is those errors, one per line, each complete in itself.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<Diagnostic> diagnostics;

    public ConfigException(List<Diagnostic> diagnostics) {
        super(render(diagnostics), null, false, false);
        this.diagnostics = diagnostics.stream().sorted(Diagnostic.BY_LOCATION).toList();
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    private static String render(List<Diagnostic> diagnostics) {
        return diagnostics.stream().sorted(Diagnostic.BY_LOCATION).map(Diagnostic::toString)
                .collect(Collectors.joining("\n"));
    }
}
