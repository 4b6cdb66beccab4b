package dev.roster.plan;

import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import java.util.Objects;

/**
 * A live group of a bot that no declared group matches. {@code protect} cannot apply to it (it is declared nowhere),
 * so with prune on every unmanaged group that was read is left, or deleted where the provider cannot leave and
 * {@code reconcile.pruneDeletes} is on.
 *
 * @param subject null when the group was listed but not read (the reader reads only pinned groups
 *                when every declared group of the bot is pinned)
 * @param read    whether its details were read; a group that was not read is never left or deleted
 * @param leave   whether the plan leaves it
 * @param delete  whether the plan deletes it
 * @param kept    why the plan neither leaves nor deletes it, in words ("reconcile.prune is off"); null when it does
 */
public record UnmanagedGroup(BotId bot, GroupId id, String subject, boolean read, boolean leave, boolean delete,
        String kept) {
    /** Why a group that was not read is kept. */
    static final String NOT_READ = "every declared group of this bot is pinned by id, so only those were read";
    /** Why a group is kept with prune off. */
    static final String PRUNE_OFF = "reconcile.prune is off";

    public UnmanagedGroup {
        Objects.requireNonNull(bot, "bot");
        Objects.requireNonNull(id, "id");
        if ((leave || delete) && !read) {
            throw new IllegalArgumentException("a group that was not read is never left or deleted: " + id);
        }
        if (leave && delete || (leave || delete) == (kept != null)) {
            throw new IllegalArgumentException("an unmanaged group is left, deleted or kept for a reason: " + id);
        }
    }

    /** A group the plan leaves, or keeps because it was not read or prune is off. */
    public UnmanagedGroup(BotId bot, GroupId id, String subject, boolean read, boolean leave) {
        this(bot, id, subject, read, leave, false, leave ? null : read ? PRUNE_OFF : NOT_READ);
    }

    /** Whether the plan removes it from the bot, by leaving or deleting it. */
    public boolean pruned() {
        return leave || delete;
    }
}
