package dev.roster.plan;

import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import dev.roster.model.SourceLocation;
import java.util.List;
import java.util.Objects;

/**
 * A declared group the planner cannot place (a pinned id the bot lacks, an ambiguous subject, a duplicated
 * group). The group gets no plan at all: no create, no change; the live groups involved are never left.
 *
 * @param location   where the group is declared (may be null only for synthetic specs in tests)
 * @param message    a one-line explanation that says what to do
 * @param duplicates for a duplicated group (live groups that all carry the declared subject), those groups,
 *                   oldest first; else empty
 * @param keep       for a duplicated group, the one to keep (pin it with {@code id:}); else null
 */
public record PlanProblem(BotId bot, String key, SourceLocation location, String message, List<GroupId> duplicates,
        GroupId keep) {
    public PlanProblem {
        Objects.requireNonNull(bot, "bot");
        Objects.requireNonNull(message, "message");
        duplicates = List.copyOf(duplicates);
    }

    /** A problem that is not a duplicate. */
    public PlanProblem(BotId bot, String key, SourceLocation location, String message) {
        this(bot, key, location, message, List.of(), null);
    }

    /** {@code file:line:col: message}, or just the message when there is no location. */
    @Override
    public String toString() {
        return (location == null ? "" : location + ": ") + message;
    }
}
