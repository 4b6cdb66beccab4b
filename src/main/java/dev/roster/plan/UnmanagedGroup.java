package dev.roster.plan;

import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import java.util.Objects;

/**
 * A live group of a bot that no declared group matches. {@code protect} cannot apply to it (it is
 * declared nowhere), so with prune on every unmanaged group that was read is left.
 *
 * @param subject null when the group was listed but not read (the reader reads only pinned groups
 *                when every declared group of the bot is pinned)
 * @param read    whether its details were read; a group that was not read is never left
 * @param leave   whether the plan leaves it (prune on and read)
 */
public record UnmanagedGroup(BotId bot, GroupId id, String subject, boolean read, boolean leave) {
    public UnmanagedGroup {
        Objects.requireNonNull(bot, "bot");
        Objects.requireNonNull(id, "id");
        if (leave && !read) {
            throw new IllegalArgumentException("a group that was not read is never left: " + id);
        }
    }
}
