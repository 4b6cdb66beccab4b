package dev.roster.apply;

/**
 * Where every write roster makes (and every invite link it hands out) is recorded, one entry per
 * call. Implementations must be thread-safe; they never receive credentials.
 */
public interface AuditLog extends AutoCloseable {
    void record(AuditEntry entry);

    @Override
    default void close() {}

    /** Records nothing. */
    AuditLog NONE = entry -> {};
}
