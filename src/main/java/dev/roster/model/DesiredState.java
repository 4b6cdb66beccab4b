package dev.roster.model;

import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/** Everything the desired-state files declare: groups of one or more bots, in reading order. */
public record DesiredState(List<GroupSpec> groups) {

    public DesiredState {
        groups = List.copyOf(groups);
    }

    public SortedSet<BotId> bots() {
        TreeSet<BotId> bots = new TreeSet<>();
        groups.forEach(g -> bots.add(g.bot()));
        return Collections.unmodifiableSortedSet(bots);
    }

    public List<GroupSpec> groupsOf(BotId bot) {
        return groups.stream().filter(g -> g.bot().equals(bot)).toList();
    }
}
