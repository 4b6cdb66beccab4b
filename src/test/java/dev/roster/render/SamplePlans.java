package dev.roster.render;

import static dev.roster.plan.PlanFixtures.BOT;
import static dev.roster.plan.PlanFixtures.desired;
import static dev.roster.plan.PlanFixtures.live;
import static dev.roster.plan.PlanFixtures.liveStates;
import static dev.roster.plan.PlanFixtures.plan;
import static dev.roster.plan.PlanFixtures.prunePlan;
import static dev.roster.plan.PlanFixtures.spec;

import dev.roster.model.BotId;
import dev.roster.plan.Plan;
import java.util.List;

/** Plans that exercise every part of the renderers. */
final class SamplePlans {
    static final String ANNA = "+46732001122";      // declared admin, live member: promoted
    static final String BERT = "+46732002244";      // declared member, live admin: demoted
    static final String CARL = "+46732004444";      // declared admin, not in the group: pending
    static final String STRANGER = "+46732009999";  // live only: removed, must be masked in markdown
    static final String G1 = "group:447506616260-1565342732";
    static final String G2 = "group:447506616260-1565342733";
    static final String G3 = "group:447506616260-1565342734";
    static final String G_FOREIGN = "group:46732008888-1600000000"; // created by a live-only number
    static final BotId BOT2 = BotId.of("46700000002");
    static final String G_HELPDESK = "group:46700000002-1565342700";
    /** Listed but not read: possible only where every declared group of the bot is pinned. */
    static final String G_UNREAD = "group:46700000002-1565342799";

    private SamplePlans() {
    }

    /** Create new-team, change sales, leave two unmanaged groups, one unread group, one problem. */
    static Plan full() {
        return prunePlan(
                desired(
                        spec("new-team", "New Team").admins(ANNA).members(CARL).at("groups/sales.yaml", 3).build(),
                        spec("sales", "Sales Team").previously("Sales").admins(ANNA, CARL).members(BERT)
                                .at("groups/sales.yaml", 9).build(),
                        spec("support", "Support").id("group:447506616260-1").at("groups/support.yaml", 2).build(),
                        spec("helpdesk", "Helpdesk").bot(BOT2).id(G_HELPDESK).at("groups/helpdesk.yaml", 2).build()),
                liveStates().bot(BOT, List.of(),
                        live(G1, "Sales").admins(BERT).members(ANNA, STRANGER).build(),
                        live(G2, "Chat with +46732007777").build(),
                        live(G_FOREIGN, "Football").creator("+46732008888").admins("+46732008888").build())
                        .bot(BOT2, List.of(G_UNREAD), live(G_HELPDESK, "Helpdesk").creator("+46700000002")
                                .admins("+46700000002").build())
                        .build());
    }

    /** Nothing to change; one declared member pending. */
    static Plan converged() {
        return plan(desired(spec("sales", "Sales").admins(ANNA).members(CARL).build()),
                liveStates().bot(BOT, List.of(), live(G1, "Sales").admins(ANNA).build()).build());
    }
}
