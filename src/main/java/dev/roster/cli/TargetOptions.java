package dev.roster.cli;

import dev.roster.model.BotId;
import dev.roster.model.DesiredState;
import dev.roster.plan.Targets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Option;

/** {@code --target BOT} and {@code --target BOT:GROUP_KEY}, repeatable: limit a plan or apply to those. */
final class TargetOptions {

    @Option(names = "--target", paramLabel = "BOT[:KEY]",
            description = "Read and plan only this bot, or this group of a bot (BOT:GROUP_KEY); repeatable.")
    List<String> targets = List.of();

    /** The targets, checked against the files: one that matches nothing is an error. */
    Targets resolve(DesiredState desired) {
        if (targets.isEmpty()) {
            return Targets.ALL;
        }
        Set<BotId> bots = new HashSet<>();
        Map<BotId, Set<String>> groups = new HashMap<>();
        for (String target : targets) {
            int colon = target.indexOf(':');
            String bot = (colon < 0 ? target : target.substring(0, colon)).replaceAll("[^0-9]", "");
            if (bot.isEmpty() || (colon >= 0 && colon == target.length() - 1)) {
                throw new UserError("error: --target must be BOT or BOT:GROUP_KEY (e.g. 46700000001:sales-team), not '"
                        + target + "'");
            }
            if (colon < 0) {
                bots.add(BotId.of(bot));
            } else {
                groups.computeIfAbsent(BotId.of(bot), b -> new HashSet<>()).add(target.substring(colon + 1));
            }
        }
        Targets resolved = new Targets(bots, groups);
        List<String> unmatched = resolved.unmatched(desired);
        if (!unmatched.isEmpty()) {
            throw new UserError("error: --target " + String.join(", ", unmatched) + " matches no declared "
                    + (unmatched.size() == 1 ? "bot or group" : "bots or groups") + " in the files");
        }
        return resolved;
    }
}
