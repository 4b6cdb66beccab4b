package dev.roster.cli;

import dev.roster.api.ApiException;
import dev.roster.config.IoReasons;
import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/**
 * Turns errors into one readable line and exit code 1. A stack trace is printed only with
 * {@code --debug}.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cli, CommandLine.ParseResult parsed) {
        var err = cli.getErr();
        if (ex instanceof UserError user) {
            err.println(user.getMessage());
        } else if (ex instanceof ApiException api) {
            err.println("error: " + api.getMessage());
        } else if (ex instanceof IOException io) {
            err.println("error: " + IoReasons.describe(io));
        } else if (ex instanceof UncheckedIOException io) {
            err.println("error: " + IoReasons.describe(io));
        } else {
            err.println("error: " + (ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage()));
        }
        if (GlobalOptions.debugRequested(parsed)) {
            ex.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.ERROR;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cli = ex.getCommandLine();
        cli.getErr().println("error: " + ex.getMessage());
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, cli.getErr())) {
            cli.getErr().println("See '" + cli.getCommandSpec().qualifiedName() + " --help'.");
        }
        cli.getErr().flush();
        return ExitCodes.ERROR;
    }
}
