package dev.roster.plan;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Counts over a plan.
 *
 * @param toCreate   groups to create
 * @param toChange   existing declared groups with at least one change
 * @param toLeave    unmanaged groups to leave
 * @param removals   people removed from groups (summed over groups)
 * @param demotions  admins demoted (summed over groups)
 * @param promotions people promoted to admin (summed over groups)
 * @param pending    declared people waiting to join (summed over groups)
 * @param perAction  number of changes of each action, only actions that occur, in action order
 * @param refused    groups that apply will refuse ({@link GroupPlan#refused})
 */
public record Summary(
        int toCreate, int toChange, int toLeave, int removals, int demotions, int promotions, int pending,
        Map<Action, Integer> perAction, int refused) {

    public Summary {
        EnumMap<Action, Integer> copy = new EnumMap<>(Action.class);
        copy.putAll(perAction);
        perAction = Collections.unmodifiableMap(copy);
    }

    /**
     * {@code Plan: 1 to create, 2 to change, 0 to leave; 3 removals, 1 promotion, 2 pending}, then
     * {@code ; 1 group refused by a guard} when apply will refuse some.
     */
    public String line() {
        return "Plan: " + toCreate + " to create, " + toChange + " to change, " + toLeave + " to leave; "
                + plural(removals, "removal") + ", " + plural(promotions, "promotion") + ", " + pending + " pending"
                + (refused == 0 ? "" : "; " + plural(refused, "group") + " refused by a guard");
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
