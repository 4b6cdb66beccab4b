package dev.roster.plan;

import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import dev.roster.model.GroupSpec;
import dev.roster.model.LiveGroup;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plans of single groups made before the {@link Planner}'s pass, while the other groups are still being read: each
 * group read is planned against the declared group it most likely is. Which declared group a live group belongs to
 * is only known once every group is read (a subject can match two groups), so the planner takes a plan made here
 * only for exactly the pairing it decided on (the same declared and live instances) and plans any other pairing
 * itself: a plan made with plans ahead equals one made without. Thread-safe.
 */
public final class PlansAhead {
    private record Key(BotId bot, GroupId group) {}

    private record Made(GroupSpec spec, LiveGroup live, GroupPlan plan) {}

    private final Map<Key, Made> made = new ConcurrentHashMap<>();

    /** Plans the live group as the declared group {@code spec} (of the same bot); the last call per group counts. */
    public void plan(GroupSpec spec, LiveGroup live) {
        made.put(new Key(spec.bot(), live.id()), new Made(spec, live, Planner.planExisting(spec, live)));
    }

    /** The plan made for exactly this pairing, or null. */
    GroupPlan find(GroupSpec spec, LiveGroup live) {
        Made m = made.get(new Key(spec.bot(), live.id()));
        return m != null && m.spec() == spec && m.live() == live ? m.plan() : null;
    }
}
