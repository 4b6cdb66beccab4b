package dev.roster.daemon;

/** Whether a group (or a bot) matches its desired files, as Argo CD names it; shown in {@code /status}. */
public enum SyncStatus {
    /** The live group matches the files: no change waits (people who have not joined yet are no change). */
    SYNCED("Synced"),
    /** Some change waits: planned and not applied (in report mode every planned change waits). */
    OUT_OF_SYNC("OutOfSync"),
    /** Not known: the group could not be compared (a plan problem, a failed read, invalid files). */
    UNKNOWN("Unknown");

    private final String label;

    SyncStatus(String label) {
        this.label = label;
    }

    /** The spelling in {@code /status} and in the {@code state} label of {@code roster_group_sync_status}. */
    public String label() {
        return label;
    }
}
