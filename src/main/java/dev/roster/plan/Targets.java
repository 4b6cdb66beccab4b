package dev.roster.plan;

import dev.roster.model.BotId;
import dev.roster.model.DesiredState;
import dev.roster.model.GroupSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a run is limited to ({@code --target}, as {@code terraform -target}): whole bots, and single groups of a bot
 * by key. Only those are read and planned. A bot targeted by some of its groups only is planned without its other
 * groups, so its unmanaged groups are unknown: they are neither reported nor left, whatever prune says.
 *
 * @param bots   bots targeted whole
 * @param groups per bot, the keys of the groups targeted one by one
 */
public record Targets(Set<BotId> bots, Map<BotId, Set<String>> groups) {
    /** No target: everything. */
    public static final Targets ALL = new Targets(Set.of(), Map.of());

    public Targets {
        bots = Set.copyOf(bots);
        groups = Map.copyOf(groups);
    }

    public boolean isAll() {
        return bots.isEmpty() && groups.isEmpty();
    }

    /** The declared groups targeted; the desired state as it is when nothing is. */
    public DesiredState select(DesiredState desired) {
        if (isAll()) {
            return desired;
        }
        return new DesiredState(desired.groups().stream().filter(this::covers).toList());
    }

    private boolean covers(GroupSpec g) {
        return bots.contains(g.bot()) || groups.getOrDefault(g.bot(), Set.of()).contains(g.key());
    }

    /** The targets that match no declared bot or group, as written ({@code BOT} or {@code BOT:KEY}). */
    public List<String> unmatched(DesiredState desired) {
        List<String> unmatched = new ArrayList<>();
        bots.stream().filter(b -> desired.groupsOf(b).isEmpty()).forEach(b -> unmatched.add(b.value()));
        groups.forEach((bot, keys) -> keys.stream()
                .filter(k -> desired.groupsOf(bot).stream().noneMatch(g -> g.key().equals(k)))
                .forEach(k -> unmatched.add(bot.value() + ":" + k)));
        return unmatched.stream().sorted().toList();
    }

    /** {@code plan} without what a partly targeted bot cannot know: its unmanaged groups and leaving them. */
    public Plan narrow(Plan plan) {
        if (groups.isEmpty()) {
            return plan;
        }
        Set<BotId> partial = groups.keySet().stream().filter(b -> !bots.contains(b))
                .collect(java.util.stream.Collectors.toSet());
        List<GroupPlan> kept = plan.groups().stream()
                .filter(g -> !((g.isLeave() || g.isDelete()) && partial.contains(g.bot())))
                .toList();
        List<UnmanagedGroup> unmanaged = plan.unmanaged().stream().filter(u -> !partial.contains(u.bot())).toList();
        List<String> warnings = new ArrayList<>(plan.warnings());
        partial.stream().sorted().forEach(b -> warnings.add("bot " + b + ": only the targeted groups were planned; "
                + "its other groups and its unmanaged groups are not shown, and none is left or deleted"));
        return new Plan(kept, unmanaged, plan.problems(), warnings, plan.declaredNumbers());
    }
}
