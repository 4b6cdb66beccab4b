package dev.roster.apply;

/**
 * Where every write roster makes (and every invite link it hands out) is recorded, one entry per
 * call. Implementations must be thread-safe; they never receive credentials.
 */
public interface AuditLog {
    void record(AuditEntry entry);

    /** Records nothing. */
    AuditLog NONE = entry -> {};
}
