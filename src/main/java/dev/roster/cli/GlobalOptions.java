package dev.roster.cli;

import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Options every command that talks to the API or reads settings accepts. */
public final class GlobalOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Settings file (default: config/roster.yaml when present).")
    Path config;

    @Option(names = "--api-url", paramLabel = "URL", description = "Overrides api.baseUrl.")
    String apiUrl;

    @Option(names = "--sandbox",
            description = "Run against an embedded simulator whose state persists under .roster/.")
    boolean sandbox;

    @Option(names = "--debug", description = "Show stack traces and debug logs (never the token).")
    boolean debug;

    static boolean debugRequested(CommandLine.ParseResult parsed) {
        if (parsed == null) {
            return false;
        }
        CommandLine.ParseResult sub = parsed;
        while (sub.hasSubcommand()) {
            sub = sub.subcommand();
        }
        return sub.hasMatchedOption("--debug");
    }
}
