package dev.roster.plan;

import dev.roster.model.BotId;
import java.util.Set;

/**
 * The removal guard: a group whose plan removes more than {@code maxPercent} of its participants is refused, unless
 * it is named in {@code allowed} (as {@code KEY} or {@code BOT:KEY}). Planner and applier use the same guard, so a
 * plan shows what apply will refuse.
 *
 * @param maxPercent {@code reconcile.maxRemovalPercent}, or {@code --max-removal-percent} for one run
 * @param allowed    groups for which the guard is lifted for one run ({@code --allow-removal})
 */
public record RemovalGuard(int maxPercent, Set<String> allowed) {
    /** No guard: every removal is allowed. */
    public static final RemovalGuard NONE = new RemovalGuard(100, Set.of());

    public RemovalGuard {
        if (maxPercent < 0 || maxPercent > 100) {
            throw new IllegalArgumentException("maxPercent must be from 0 to 100: " + maxPercent);
        }
        allowed = Set.copyOf(allowed);
    }

    public static RemovalGuard of(int maxPercent) {
        return new RemovalGuard(maxPercent, Set.of());
    }

    /** Why removing {@code removals} of {@code participants} is refused, or null when it is allowed. */
    public String refusal(BotId bot, String key, int removals, int participants) {
        if (removals == 0 || (long) removals * 100 <= (long) maxPercent * participants
                || (key != null && (allowed.contains(key) || allowed.contains(bot.value() + ":" + key)))) {
            return null;
        }
        long percent = participants == 0 ? 100 : Math.round(removals * 100.0 / participants);
        return String.format(java.util.Locale.ROOT, "refused: the plan removes %d of %d participants (%d%%), more than "
                + "reconcile.maxRemovalPercent (%d%%); allow it for one run with --allow-removal %s or "
                + "--max-removal-percent %d, or raise the setting", removals, participants, percent, maxPercent,
                key == null ? "KEY" : key, percent);
    }
}
