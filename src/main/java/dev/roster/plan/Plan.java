package dev.roster.plan;

import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import dev.roster.model.Msisdn;
import dev.roster.model.NumberSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What roster would do: the output of {@link Planner#plan}, input of the renderers and the applier.
 *
 * @param groups          bots in sorted order; per bot its declared groups in declaration order (also
 *                        those that have converged), then the unmanaged groups to leave or delete, by id
 * @param unmanaged       every unmanaged live group, left, deleted or kept; bots sorted, then by id
 * @param problems        declared groups that could not be placed; they have no entry in {@code groups}
 * @param warnings        one-line notes for the user; never change the plan
 * @param declaredNumbers every number the desired files contain (people and bots): renderers for public
 *                        places mask all other numbers
 */
public record Plan(
        List<GroupPlan> groups,
        List<UnmanagedGroup> unmanaged,
        List<PlanProblem> problems,
        List<String> warnings,
        SortedSet<Msisdn> declaredNumbers) {

    public Plan {
        groups = List.copyOf(groups);
        unmanaged = List.copyOf(unmanaged);
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
        declaredNumbers = NumberSet.copyOf(declaredNumbers);
    }

    /** True when some group has a change. Pending people alone are not a change. */
    public boolean hasChanges() {
        return groups.stream().anyMatch(GroupPlan::hasChanges);
    }

    public boolean hasProblems() {
        return !problems.isEmpty();
    }

    /**
     * What the problems left unplanned, in words: {@code bot 46700000001 could not be read}, {@code 2 declared
     * groups have problems}, or both joined with "and". A problem of a whole bot (no group key) is the bot's,
     * not a group's. Empty when there are none.
     */
    public String problemsLine() {
        List<String> bots = problems.stream().filter(p -> p.key() == null).map(p -> p.bot().value()).distinct()
                .toList();
        long groupProblems = problems.stream().filter(p -> p.key() != null).count();
        List<String> parts = new ArrayList<>();
        if (bots.size() == 1) {
            parts.add("bot " + bots.get(0) + " could not be read");
        } else if (bots.size() > 1) {
            parts.add(bots.size() + " bots could not be read (" + String.join(", ", bots) + ")");
        }
        if (groupProblems > 0) {
            parts.add(groupProblems + " declared group" + (groupProblems == 1 ? " has a problem" : "s have problems"));
        }
        return String.join(" and ", parts);
    }

    /** The groups that have at least one change, in plan order. */
    public List<GroupPlan> changedGroups() {
        return groups.stream().filter(GroupPlan::hasChanges).toList();
    }

    /** Per bot, the ids of every live group the bot had when planned: matched and unmanaged. */
    public Map<BotId, SortedSet<GroupId>> knownGroups() {
        Map<BotId, SortedSet<GroupId>> known = new TreeMap<>();
        for (GroupPlan g : groups) {
            SortedSet<GroupId> ids = known.computeIfAbsent(g.bot(), b -> new TreeSet<>());
            if (g.groupId() != null) {
                ids.add(g.groupId());
            }
        }
        for (UnmanagedGroup u : unmanaged) {
            known.computeIfAbsent(u.bot(), b -> new TreeSet<>()).add(u.id());
        }
        return known;
    }

    public Summary summary() {
        Summary.Counter count = new Summary.Counter();
        groups.forEach(count::add);
        return count.summary();
    }
}
