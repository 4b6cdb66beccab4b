package dev.roster.model;

import java.util.Objects;

/** A bot's identifier as the group API knows it: its own number in international digits, no '+'. */
public record BotId(String value) implements Comparable<BotId> {
    public BotId {
        Objects.requireNonNull(value, "bot id");
        if (value.isBlank()) {
            throw new IllegalArgumentException("bot id must not be empty");
        }
    }

    public static BotId of(String value) {
        return new BotId(value.trim());
    }

    @Override
    public int compareTo(BotId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
