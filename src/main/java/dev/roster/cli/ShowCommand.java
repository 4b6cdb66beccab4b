package dev.roster.cli;

import dev.roster.config.RosterSettings;
import dev.roster.plan.SavedPlan;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code roster show PLAN.json}: a saved plan, rendered, after the checks {@code apply --plan} makes (the API it was
 * made for, its signature, every value), so that what is shown is what would be applied. Sends nothing.
 */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Shows a plan saved by `roster plan --out` (checked as apply --plan checks it; sends nothing).")
final class ShowCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions global;

    @Parameters(index = "0", paramLabel = "PLAN.json", description = "The saved plan.")
    Path savedPlan;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text, markdown (pull-request comments) or json. Default: ${DEFAULT-VALUE}.")
    PlanFormat format;

    @Override
    public Integer call() {
        var err = spec.commandLine().getErr();
        RosterSettings settings = Inputs.loadSettings(global, err);
        SavedPlan plan = SavedPlans.read(savedPlan, global, settings);
        format.render(plan.toPlan(), spec.commandLine().getOut(), Terminal.colorAllowed(global));
        return ExitCodes.OK;
    }
}
