package dev.roster.plan;

import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import dev.roster.model.GroupSpec;
import dev.roster.model.LiveGroup;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plans of single groups made before the {@link Planner}'s pass, while the other groups are still being read: each
 * group read is planned against the declared group it most likely is. Which declared group a live group belongs to
 * is only known once every group is read (a subject can match two groups), so the planner takes a plan made here
 * only for exactly the pairing it decided on (the same declared and live instances), made with what it plans with
 * (the bot's capabilities and {@code sendInvites}), and plans any other pairing itself: a plan made with plans
 * ahead equals one made without. Thread-safe.
 */
public final class PlansAhead {
    private record Key(BotId bot, GroupId group) {}

    private record Made(GroupSpec spec, LiveGroup live, GroupPlan plan) {}

    private final PlannerOptions options;
    private final Map<Key, Made> made = new ConcurrentHashMap<>();

    /** Plans ahead with {@code options}: pass the options the planner will get, or its plans ahead go unused. */
    public PlansAhead(PlannerOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** Plans ahead as for bots on the v1 API ({@link PlannerOptions#defaults()}). */
    public PlansAhead() {
        this(PlannerOptions.defaults());
    }

    /** Plans the live group as the declared group {@code spec} (of the same bot); the last call per group counts. */
    public void plan(GroupSpec spec, LiveGroup live) {
        made.put(new Key(spec.bot(), live.id()), new Made(spec, live, Planner.planExisting(spec, live, options)));
    }

    /** The plan made for exactly this pairing, with options that plan a group as {@code planning} does, or null. */
    GroupPlan find(GroupSpec spec, LiveGroup live, PlannerOptions planning) {
        Made m = made.get(new Key(spec.bot(), live.id()));
        return m != null && m.spec() == spec && m.live() == live && plansAlike(planning, spec.bot()) ? m.plan() : null;
    }

    private boolean plansAlike(PlannerOptions planning, BotId bot) {
        return planning == options || planning.sendInvites() == options.sendInvites()
                && planning.capabilities().apply(bot).equals(options.capabilities().apply(bot));
    }
}
