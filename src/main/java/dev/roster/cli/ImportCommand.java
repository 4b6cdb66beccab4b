package dev.roster.cli;

import dev.roster.api.GroupApi;
import dev.roster.api.RunDeadline;
import dev.roster.config.DesiredStateWriter;
import dev.roster.config.LiveImport;
import dev.roster.config.RosterSettings;
import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import dev.roster.model.LiveGroup;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Writes a bot's live groups as desired-state YAML, each group pinned by id.",
            "`roster plan` on the result shows no changes: a starting point for a new repository."})
final class ImportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions global;

    @Option(names = "--bot", required = true, paramLabel = "BOT", description = "The bot id (its number).")
    String bot;

    @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path out;

    @Parameters(arity = "0..*", paramLabel = "PATH",
            description = "With --sandbox: the folder whose .sandbox.yaml seeds the sandbox.")
    List<Path> paths = List.of();

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        String digits = bot.replaceAll("[^0-9]", "");
        if (digits.isEmpty()) {
            throw new UserError("error: --bot must be the bot's number, e.g. 46700000001, not '" + bot + "'");
        }
        BotId botId = BotId.of(digits);
        RosterSettings settings = Inputs.loadSettings(global, err);
        List<LiveGroup> live = new ArrayList<>();
        try (Connection connection = Connection.open(global, settings, paths, Set.of(botId), err)) {
            GroupApi api = RunDeadline.after(settings.api().runTimeout(), Clock.systemUTC()).bound(connection.api());
            for (GroupId id : api.listGroups(botId)) {
                live.add(api.getGroup(botId, id));
            }
        }
        String yaml = "# Imported from the live groups of bot " + botId + ". Every group is pinned by `id`;\n"
                + "# rename keys freely (they are yours), then check with `roster plan`.\n"
                + DesiredStateWriter.toYaml(botId, LiveImport.specs(botId, live, settings.capabilitiesOf(botId)));
        if (out == null) {
            spec.commandLine().getOut().print(yaml);
            spec.commandLine().getOut().flush();
        } else {
            Files.writeString(out, yaml, StandardCharsets.UTF_8);
            err.println("Wrote " + live.size() + " group(s) of bot " + botId + " to " + out);
        }
        return ExitCodes.OK;
    }
}
