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
 * @param toDelete   unmanaged groups to delete
 * @param permanentRemovals the removals among {@code removals} that bar the person from rejoining by link
 * @param approvals  join requests approved
 * @param rejections join requests rejected
 * @param invites    people sent the invite link as a message
 * @param suspended  declared groups the provider suspended (planned without changes)
 */
public record Summary(
        int toCreate, int toChange, int toLeave, int removals, int demotions, int promotions, int pending,
        Map<Action, Integer> perAction, int refused, int toDelete, int permanentRemovals, int approvals,
        int rejections, int invites, int suspended) {

    public Summary {
        EnumMap<Action, Integer> copy = new EnumMap<>(Action.class);
        copy.putAll(perAction);
        perAction = Collections.unmodifiableMap(copy);
    }

    /**
     * {@code Plan: 1 to create, 2 to change, 0 to leave; 3 removals, 1 promotion, 2 pending}, then only what occurs:
     * {@code , 1 to delete} after the leaves, {@code (3 for good)} after the removals, {@code , 1 join request
     * approved, 2 join requests rejected}, {@code ; will invite 2 people}, {@code ; 1 group suspended by the
     * provider}, {@code ; 1 group refused by a guard}.
     */
    public String line() {
        return "Plan: " + toCreate + " to create, " + toChange + " to change, " + toLeave + " to leave"
                + (toDelete == 0 ? "" : ", " + toDelete + " to delete") + "; "
                + plural(removals, "removal") + (permanentRemovals == 0 ? "" : " (" + permanentRemovals + " for good)")
                + ", " + plural(promotions, "promotion") + ", " + pending + " pending"
                + (approvals == 0 ? "" : ", " + plural(approvals, "join request") + " approved")
                + (rejections == 0 ? "" : ", " + plural(rejections, "join request") + " rejected")
                + (invites == 0 ? "" : "; will invite " + invites + (invites == 1 ? " person" : " people"))
                + (suspended == 0 ? "" : "; " + plural(suspended, "group") + " suspended by the provider, not changed")
                + (refused == 0 ? "" : "; " + plural(refused, "group") + " refused by a guard");
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    /** Adds up the groups of a plan. */
    static final class Counter {
        private int create, change, leave, delete, removals, permanent, demotions, promotions, pending, refused;
        private int approvals, rejections, invites, suspended;
        private final Map<Action, Integer> perAction = new EnumMap<>(Action.class);

        void add(GroupPlan g) {
            pending += g.pending().size();
            refused += g.isRefused() ? 1 : 0;
            suspended += g.isSuspended() ? 1 : 0;
            if (g.isCreate()) {
                create++;
            } else if (g.isLeave()) {
                leave++;
            } else if (g.isDelete()) {
                delete++;
            } else if (g.hasChanges()) {
                change++;
            }
            for (Change c : g.changes()) {
                perAction.merge(c.action(), 1, Integer::sum);
                if (c instanceof RemoveMembers r) {
                    removals += r.numbers().size();
                    permanent += r.permanent() ? r.numbers().size() : 0;
                } else if (c instanceof RemoveAdmins r) {
                    demotions += r.numbers().size();
                } else if (c instanceof AddAdmins a) {
                    promotions += a.numbers().size();
                } else if (c instanceof ApproveJoinRequests a) {
                    approvals += a.requests().size();
                } else if (c instanceof RejectJoinRequests r) {
                    rejections += r.requests().size();
                } else if (c instanceof SendInvites s) {
                    invites += s.numbers().size();
                }
            }
        }

        Summary summary() {
            return new Summary(create, change, leave, removals, demotions, promotions, pending, perAction, refused,
                    delete, permanent, approvals, rejections, invites, suspended);
        }
    }
}
