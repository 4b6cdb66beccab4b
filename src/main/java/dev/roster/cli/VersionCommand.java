package dev.roster.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code roster version}: the same line as {@code roster --version}. */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Print roster's version and the git commit it was built from.")
final class VersionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println(VersionProvider.line());
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
