package dev.roster.plan;

import dev.roster.model.BotId;
import dev.roster.model.SourceLocation;
import java.util.Objects;

/**
 * A declared group the planner cannot place (a pinned id the bot lacks, or an ambiguous subject). The
 * group gets no plan at all: no create, no change; the live groups involved are never left.
 *
 * @param location where the group is declared (may be null only for synthetic specs in tests)
 * @param message  a one-line explanation that says what to do
 */
public record PlanProblem(BotId bot, String key, SourceLocation location, String message) {
    public PlanProblem {
        Objects.requireNonNull(bot, "bot");
        Objects.requireNonNull(message, "message");
    }

    /** {@code file:line:col: message}, or just the message when there is no location. */
    @Override
    public String toString() {
        return (location == null ? "" : location + ": ") + message;
    }
}
