package dev.roster.daemon;

import dev.roster.model.GroupId;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What one run of a bot covers: the whole bot, or some of its declared groups, each with the live group the last
 * full run matched it to (key → group id). Runs started by provider events cover the groups the events name; every
 * other run covers the whole bot. Travels in a Quartz trigger's data as text ({@link #encode}).
 */
record RunScope(Map<String, GroupId> groups) {
    /** The whole bot. */
    static final RunScope ALL = new RunScope(Map.of());

    RunScope {
        groups = Map.copyOf(groups);
    }

    static RunScope of(String key, GroupId group) {
        return new RunScope(Map.of(key, group));
    }

    boolean isAll() {
        return groups.isEmpty();
    }

    /** Both scopes in one run; the whole bot covers any part of it. */
    RunScope merge(RunScope other) {
        if (isAll() || other.isAll()) {
            return ALL;
        }
        Map<String, GroupId> both = new TreeMap<>(groups);
        both.putAll(other.groups);
        return new RunScope(both);
    }

    /** {@code key=group:...,key=group:...}; empty for the whole bot. Keys and group ids hold no ',' or '='. */
    String encode() {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(groups).forEach((key, id) -> text.append(text.isEmpty() ? "" : ",").append(key).append('=')
                .append(id.value()));
        return text.toString();
    }

    /** The scope {@link #encode} wrote; the whole bot for null, empty or unreadable text. */
    static RunScope decode(String text) {
        if (text == null || text.isBlank()) {
            return ALL;
        }
        Map<String, GroupId> groups = new TreeMap<>();
        for (String pair : text.split(",")) {
            int eq = pair.indexOf('=');
            Optional<GroupId> id = eq <= 0 ? Optional.empty() : parse(pair.substring(eq + 1));
            if (id.isEmpty()) {
                return ALL;
            }
            groups.put(pair.substring(0, eq), id.get());
        }
        return new RunScope(groups);
    }

    private static Optional<GroupId> parse(String text) {
        try {
            return Optional.of(GroupId.of(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
