package dev.roster.render;

import static dev.roster.plan.PlanFixtures.desired;
import static dev.roster.plan.PlanFixtures.live;
import static dev.roster.plan.PlanFixtures.liveStates;
import static dev.roster.plan.PlanFixtures.spec;

import dev.roster.model.BotId;
import dev.roster.model.Capabilities;
import dev.roster.model.JoinApproval;
import dev.roster.plan.Plan;
import dev.roster.plan.Planner;
import dev.roster.plan.PlannerOptions;
import dev.roster.plan.RemovalGuard;
import java.util.List;

/** A plan for a bot on a provider with the Cloud API's capabilities, with every action that provider adds. */
final class CloudPlans {
    /** A business phone-number id (it reads as a number, as the saved-plan reader wants bots to). */
    static final BotId CLOUD = BotId.of("46700000001");
    static final String ANNA = "+46732001122";      // declared, live member
    static final String CARL = "+46732004444";      // declared, asks to join: approved
    static final String DORA = "+46732005555";      // declared, not in the group: invited
    static final String STRANGER = "+46732009999";  // live only: removed for good
    static final String ASKER = "+46732008877";     // undeclared, asks to join: rejected, masked in markdown
    static final String G_SALES = "group:46700000001-1700000001";
    static final String G_FROZEN = "group:46700000001-1700000002";
    static final String G_OLD = "group:46700000001-1700000003";

    private CloudPlans() {
    }

    /**
     * sales: description set, a removal for good, one request rejected and one approved, one invite; fresh: created
     * with a description and join approval, one invite; frozen: suspended; an unmanaged group deleted.
     */
    static Plan full() {
        PlannerOptions options = new PlannerOptions(true, RemovalGuard.NONE, bot -> Capabilities.cloud(8), true, true);
        return Planner.plan(
                desired(
                        spec("sales", "Sales").bot(CLOUD).members(ANNA, CARL, DORA).description("New\ndeals")
                                .at("groups/cloud.yaml", 3).build(),
                        spec("fresh", "Fresh").bot(CLOUD).members(ANNA).description("Hello")
                                .joinApproval(JoinApproval.REQUIRED).at("groups/cloud.yaml", 9).build(),
                        spec("frozen", "Frozen").bot(CLOUD).members(ANNA).at("groups/cloud.yaml", 15).build()),
                liveStates().bot(CLOUD, List.of(),
                        live(G_SALES, "Sales").cloud().members(ANNA, STRANGER).description("Old")
                                .joinRequest("jr-1", CARL).joinRequest("jr-2", ASKER).build(),
                        live(G_FROZEN, "Frozen").cloud().members(STRANGER).suspended().build(),
                        live(G_OLD, "Old chat").cloud().members(STRANGER).build()).build(),
                options);
    }
}
