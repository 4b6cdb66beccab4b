package dev.roster.apply;

import dev.roster.model.Msisdn;
import java.time.Instant;
import java.util.List;

/**
 * One line of the audit log.
 *
 * @param groupKey the declared key, or null for an unmanaged group
 * @param groupId  null when a create failed before an id was known
 * @param action   the JSON action name ({@code create_group}, ...) or {@code invite_link}
 * @param outcome  {@code ok}, {@code failed}, {@code adopted} (a create whose answer was lost) or {@code refused}
 *                 (a guard refused the group; {@code action} and {@code numbers} are those of the refused change,
 *                 and nothing was written)
 * @param detail   the invite link for {@code invite_link}, else null
 * @param commit   the git commit the desired state came from, or null
 */
public record AuditEntry(
        Instant time,
        String bot,
        String groupKey,
        String groupId,
        String action,
        List<Msisdn> numbers,
        String outcome,
        String error,
        String detail,
        String commit) {
    public AuditEntry {
        numbers = numbers == null ? List.of() : List.copyOf(numbers);
    }
}
