package dev.roster.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code roster} command: the only place that prints to the console or picks an exit code. */
@Command(
        name = "roster",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Keeps WhatsApp groups the way a git repository says they should be.",
        subcommands = {
            ValidateCommand.class,
            SchemaCommand.class,
            PlanCommand.class,
            ApplyCommand.class,
            ShowCommand.class,
            ImportCommand.class,
            DaemonCommand.class,
            SimulatorCommand.class,
            SyncCommand.class,
            VersionCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs roster in this JVM and returns the exit code (used by tests too). */
    public static int run(String... args) {
        if (java.util.Arrays.asList(args).contains("--debug")) {
            Logging.enableDebug();
        }
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler(new ErrorHandler());
        cli.setParameterExceptionHandler(new ErrorHandler());
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command.");
    }
}
