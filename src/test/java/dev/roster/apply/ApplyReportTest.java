package dev.roster.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.apply.GroupResult.Outcome;
import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import dev.roster.model.Msisdn;
import dev.roster.plan.AddAdmins;
import dev.roster.plan.Change;
import dev.roster.plan.RemoveMembers;
import dev.roster.plan.RotateInvite;
import dev.roster.plan.SetSubject;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The counts behind "Apply complete (or incomplete): N change(s) applied, M group(s) changed, K failed or refused". */
class ApplyReportTest {
    private static final BotId BOT = BotId.of("447506616260");
    private static final TreeSet<Msisdn> ANNA = new TreeSet<>(List.of(new Msisdn("+46732001122")));

    private static GroupResult result(String key, Outcome outcome, Change... applied) {
        return new GroupResult(BOT, key, GroupId.of("group:447506616260-" + key.length()), outcome, List.of(applied),
                outcome == Outcome.APPLIED || outcome == Outcome.UNCHANGED ? null : "why", null, new TreeSet<>());
    }

    @Test
    void changesAreCountedOverEveryGroupIncludingThoseThatFailedHalfway() {
        ApplyReport report = new ApplyReport(List.of(
                result("sales", Outcome.APPLIED, new SetSubject("Sales", "Sales Team"), new RemoveMembers(ANNA),
                        new RotateInvite()),
                result("board", Outcome.FAILED, new AddAdmins(ANNA)),
                result("team", Outcome.UNCHANGED)));

        assertThat(report.changesApplied()).isEqualTo(4);
        assertThat(report.count(Outcome.APPLIED)).isEqualTo(1);
        assertThat(report.count(Outcome.FAILED)).isEqualTo(1);
        assertThat(report.count(Outcome.UNCHANGED)).isEqualTo(1);
        assertThat(report.count(Outcome.REFUSED)).isZero();
        assertThat(report.hasFailures()).isTrue();
    }

    @Test
    void everyFailingOutcomeAndOnlyThoseMakeTheReportFail() {
        assertThat(new ApplyReport(List.of(result("a", Outcome.APPLIED, new RotateInvite()),
                result("b", Outcome.UNCHANGED))).hasFailures()).isFalse();
        for (Outcome failing : List.of(Outcome.FAILED, Outcome.REFUSED, Outcome.STALE)) {
            ApplyReport report = new ApplyReport(List.of(result("a", Outcome.APPLIED), result("b", failing)));
            assertThat(report.hasFailures()).as(failing.name()).isTrue();
            assertThat(report.groups().get(1).isFailure()).isTrue();
        }
        assertThat(new ApplyReport(List.of()).changesApplied()).isZero();
    }
}
