package dev.roster.cli;

import dev.roster.api.RunDeadline;
import dev.roster.apply.Reconciler;
import dev.roster.config.Durations;
import dev.roster.config.LoadResult;
import dev.roster.config.RosterSettings;
import dev.roster.files.PrivateFiles;
import dev.roster.daemon.RunOptions;
import dev.roster.plan.PlannerOptions;
import dev.roster.plan.Targets;
import dev.roster.render.PlanFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Shows what apply would change, without changing anything.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success (with --detailed-exitcode: no changes)",
            "1:error: invalid files, unreadable groups, identity problems, api.runTimeout passed",
            "2:with --detailed-exitcode: the plan has changes (pending people alone are not a change)"})
final class PlanCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions global;

    @Mixin
    ApiLimits limits;

    @Mixin
    RemovalOptions removal;

    @Mixin
    TargetOptions target;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Desired-state files or directories.")
    List<Path> paths;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text, markdown (pull-request comments) or json. Default: ${DEFAULT-VALUE}.")
    PlanFormat format;

    @Option(names = "--out", paramLabel = "PLAN.json",
            description = "Also save the plan, for `roster apply --plan`.")
    Path out;

    @Option(names = "--detailed-exitcode", description = "Exit 2 when the plan has changes.")
    boolean detailedExitcode;

    /** The command that applies the saved plan, as it can be typed in the same folder. */
    String applyCommand() {
        StringBuilder command = new StringBuilder("roster apply --plan ").append(shellWord(out.toString()));
        if (global.config != null) {
            command.append(" --config ").append(shellWord(global.config.toString()));
        }
        if (global.apiUrl != null) {
            command.append(" --api-url ").append(shellWord(global.apiUrl));
        }
        if (global.sandbox) {
            command.append(" --sandbox");
            paths.forEach(p -> command.append(' ').append(shellWord(p.toString())));
        }
        return command.toString();
    }

    /** {@code word} as one word for a POSIX shell: as is when it is plain, else in single quotes. */
    static String shellWord(String word) {
        return word.matches("[A-Za-z0-9_./:=@%+,-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        RosterSettings settings = limits.applyTo(Inputs.loadSettings(global, err));
        Connection.Pending connecting = Connection.prepare(global, settings);
        LoadResult desired = Inputs.loadDesired(paths, settings, err);
        Targets targets = target.resolve(desired.state());
        Reconciler.Planned planned;
        RunDeadline deadline = RunDeadline.after(settings.api().runTimeout(), Clock.systemUTC());
        try (Connection connection = connecting.open(paths, desired.state().bots(), err);
                Progress progress = Progress.start("Reading groups", err, format != PlanFormat.json)) {
            RosterSettings.Api api = connection.settings().api();
            PlannerOptions options = RunOptions.planner(settings, removal.guard(settings));
            planned = new Reconciler(deadline.bound(connection.api()), api.maxConcurrency(), options)
                    .plan(targets.select(desired.state()), progress::update).narrowedTo(targets);
        }
        format.render(planned.plan(), stdout, Terminal.colorAllowed(global));
        if (planned.readsCutByDeadline() > 0) {
            err.println("error: the plan took longer than api.runTimeout (" + Durations.format(deadline.timeout())
                    + ") and was stopped: " + planned.readsCutByDeadline() + " read(s) not done, so the plan is "
                    + "incomplete; raise api.runTimeout, or find out why the API answers slowly");
            err.flush();
        }
        if (out != null) {
            String file = PlanFile.write(planned.plan(), PlanKeys.target(global, settings),
                    PlanKeys.tokens(global, settings));
            PrivateFiles.writeString(out, file);
            err.println("Saved the plan to " + out + "; apply it with: " + applyCommand());
        }
        if (!planned.isComplete()) {
            return ExitCodes.ERROR;
        }
        return detailedExitcode && planned.plan().hasChanges() ? ExitCodes.CHANGES : ExitCodes.OK;
    }
}
