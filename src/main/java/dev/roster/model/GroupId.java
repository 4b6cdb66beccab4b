package dev.roster.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A live group's identifier, e.g. {@code group:447506616260-1565342732}. Opaque to roster except for
 * {@link #isWellFormed}, which checks the documented {@code group:<digits>-<digits>} shape.
 */
public record GroupId(String value) implements Comparable<GroupId> {
    private static final Pattern WELL_FORMED = Pattern.compile("group:\\d+-\\d+");

    public GroupId {
        Objects.requireNonNull(value, "group id");
        if (value.isBlank()) {
            throw new IllegalArgumentException("group id must not be empty");
        }
    }

    public static GroupId of(String value) {
        return new GroupId(value);
    }

    public static boolean isWellFormed(String value) {
        return value != null && WELL_FORMED.matcher(value).matches();
    }

    /**
     * When the group was created, as its id tells: the {@code <epoch>} of {@code group:<msisdn>-<epoch>} in seconds;
     * empty for an id of another shape.
     */
    public Optional<Instant> createdAt() {
        if (!isWellFormed(value)) {
            return Optional.empty();
        }
        String epoch = value.substring(value.lastIndexOf('-') + 1);
        try {
            return Optional.of(Instant.ofEpochSecond(Long.parseLong(epoch)));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public int compareTo(GroupId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
