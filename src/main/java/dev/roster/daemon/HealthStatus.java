package dev.roster.daemon;

/**
 * How a group (or a bot) is doing, as Argo CD names it; shown in {@code /status}. When several hold, the first in
 * this order below {@link #HEALTHY} wins: a paused bot is {@link #SUSPENDED} whatever else is true.
 */
public enum HealthStatus {
    /** Nothing wrong and nobody waiting. */
    HEALTHY("Healthy"),
    /** Declared people have not joined yet (they join by the invite link). */
    PROGRESSING("Progressing"),
    /** The last apply of the group failed, a guard refused it, or it could not be planned. */
    DEGRADED("Degraded"),
    /** The desired files are invalid (or could not be fetched): nothing is applied until they are fixed. */
    STALLED("Stalled"),
    /** The bot is paused (its runs do not apply), or the provider suspended the group (no write can succeed). */
    SUSPENDED("Suspended");

    private final String label;

    HealthStatus(String label) {
        this.label = label;
    }

    /** The spelling in {@code /status} and in the {@code state} label of {@code roster_group_health}. */
    public String label() {
        return label;
    }

    /** The worse of the two (later in the declaration order). */
    HealthStatus worst(HealthStatus other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
