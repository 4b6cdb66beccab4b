package dev.roster.config;

import java.util.List;

/** Settings as loaded, with the warnings the file gave rise to (a token written literally, say). */
public record LoadedSettings(RosterSettings settings, List<Diagnostic> warnings) {
    public LoadedSettings {
        warnings = List.copyOf(warnings);
    }
}
