package dev.roster.cli;

import java.nio.file.Path;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Options every command that talks to the API or reads settings accepts. A command for which one of them would
 * do nothing refuses it when given, naming why, instead of ignoring it silently.
 */
public final class GlobalOptions {

    /** The commands on which each option would do nothing. */
    private static final Set<String> NO_SANDBOX = Set.of("validate", "simulator");
    private static final Set<String> NO_API_URL = Set.of("simulator");
    private static final Set<String> NO_CONFIG = Set.of("simulator");

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    Path config;

    String apiUrl;

    boolean sandbox;

    @Option(names = "--debug", description = "Show stack traces and debug logs (never the token).")
    boolean debug;

    @Option(names = "--no-color", description = "No colours in the output (as with the NO_COLOR variable).")
    boolean noColor;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Settings file (default: config/roster.yaml when present).")
    void config(Path value) {
        refuse(value != null, "--config", NO_CONFIG, "the simulator reads no settings; see its own options");
        config = value;
    }

    @Option(names = "--api-url", paramLabel = "URL", description = "Overrides api.baseUrl.")
    void apiUrl(String value) {
        refuse(value != null, "--api-url", NO_API_URL, "the simulator serves the API; choose its port with --port");
        apiUrl = value;
    }

    @Option(names = "--sandbox",
            description = "Run against an embedded simulator whose state persists in .roster/ beside the files.")
    void sandbox(boolean value) {
        refuse(value, "--sandbox", NO_SANDBOX, command != null && "validate".equals(command.name())
                ? "validate reads only the files and talks to no API"
                : "the simulator is the sandbox's API itself");
        sandbox = value;
    }

    private void refuse(boolean given, String option, Set<String> commands, String why) {
        if (given && command != null && commands.contains(command.name())) {
            throw new CommandLine.ParameterException(command.commandLine(),
                    option + " does nothing for '" + command.name() + "': " + why);
        }
    }

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
