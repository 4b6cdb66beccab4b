package dev.roster.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
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

    /** The groups of each bot, bots in sorted order, groups in reading order. */
    public Map<BotId, List<GroupSpec>> byBot() {
        Map<BotId, List<GroupSpec>> byBot = new TreeMap<>();
        for (GroupSpec g : groups) {
            byBot.computeIfAbsent(g.bot(), b -> new ArrayList<>()).add(g);
        }
        byBot.replaceAll((b, list) -> List.copyOf(list));
        return Collections.unmodifiableMap(byBot);
    }

    public List<GroupSpec> groupsOf(BotId bot) {
        return groups.stream().filter(g -> g.bot().equals(bot)).toList();
    }
}
