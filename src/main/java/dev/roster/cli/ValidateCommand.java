package dev.roster.cli;

import dev.roster.config.LoadResult;
import dev.roster.config.RosterSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Checks desired-state files: exit 0 when valid, 1 with every error (file:line:col: message).")
final class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions global;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or directories (*.yaml, *.yml).")
    List<Path> paths;

    @Override
    public Integer call() {
        var err = spec.commandLine().getErr();
        RosterSettings settings = Inputs.loadSettings(global, err);
        LoadResult result = Inputs.loadDesired(paths, settings, err);
        var out = spec.commandLine().getOut();
        out.println("Valid: " + result.summary() + ".");
        out.flush();
        return ExitCodes.OK;
    }
}
