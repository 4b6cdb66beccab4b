package dev.roster.model;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the API reported for one bot: every group id it lists, and the details of the groups that were
 * read. Groups that were listed but not read (when every desired group is pinned by id) have no entry
 * in {@code groups}.
 */
public record LiveBot(BotId bot, List<GroupId> listed, Map<GroupId, LiveGroup> groups) {
    public LiveBot {
        Objects.requireNonNull(bot, "bot");
        listed = List.copyOf(listed);
        groups = Collections.unmodifiableMap(new TreeMap<>(groups));
    }
}
