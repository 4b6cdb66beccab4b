package dev.roster.plan;

import static dev.roster.plan.PlanFixtures.live;
import static dev.roster.plan.PlanFixtures.numbers;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.model.GroupId;
import dev.roster.model.LiveGroup;
import dev.roster.model.Msisdn;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LiveFingerprintTest {
    static final String G1 = "group:447506616260-1565342732";

    @Test
    void staysTheSameValueAcrossVersionsSoSavedPlansRemainValid() {
        // the value of the first implementation (one joined string): a faster one must not change it
        LiveGroup g = new LiveGroup(GroupId.of("group:46700000001-1"), "Über Gruppe ✓", new Msisdn("+46700000001"),
                Set.of(new Msisdn("+46700000001"), new Msisdn("+46701234567")),
                Set.of(new Msisdn("+46709876543"), new Msisdn("+4915112345678")));

        assertThat(LiveFingerprint.of(g)).isEqualTo("f8fce71304ba9cf1");
    }

    @Test
    void isSixteenHexDigitsAndTheSameForEqualContent() {
        LiveGroup a = live(G1, "Sales").admins("+46732001122").members("+46732002244", "+46732003366").build();
        LiveGroup b = new LiveGroup(GroupId.of(G1), "Sales", a.creator(), Set.copyOf(a.admins()),
                Set.copyOf(List.of(Msisdn.parse("46732003366"), Msisdn.parse("46 73 200 22 44"))));

        assertThat(LiveFingerprint.of(a)).matches("[0-9a-f]{16}").isEqualTo(LiveFingerprint.of(b));
    }

    @Test
    void changesWhenSubjectCreatorAdminsOrMembersChange() {
        LiveGroup base = live(G1, "Sales").admins("+46732001122").members("+46732002244").build();
        String fp = LiveFingerprint.of(base);

        assertThat(LiveFingerprint.of(live(G1, "Sales!").admins("+46732001122").members("+46732002244").build()))
                .isNotEqualTo(fp);
        assertThat(LiveFingerprint.of(live(G1, "Sales").admins().members("+46732001122", "+46732002244").build()))
                .isNotEqualTo(fp);
        assertThat(LiveFingerprint.of(live(G1, "Sales").admins("+46732001122").members().build())).isNotEqualTo(fp);
        assertThat(LiveFingerprint.of(new LiveGroup(base.id(), base.subject(), null, base.admins(), base.members()))).isNotEqualTo(fp);
    }

    @Test
    void aSubjectCannotImitateTheNumbersThatFollowIt() {
        LiveGroup plain = new LiveGroup(GroupId.of(G1), "S", null, Set.of(), numbers("+46732002244"));
        LiveGroup tricky = new LiveGroup(GroupId.of(G1), "S\ncreator:\nadmins:\nmembers:+46732002244", null,
                Set.of(), Set.of());

        assertThat(LiveFingerprint.of(tricky)).isNotEqualTo(LiveFingerprint.of(plain));
    }

    @Test
    void changesWhenTheDescriptionTheSuspensionOrAJoinRequestChanges() {
        LiveGroup base = live(G1, "Sales").cloud().members("+46732002244").description("Deals")
                .joinRequest("jr-1", "+46732003366").build();
        String fp = LiveFingerprint.of(base);

        assertThat(LiveFingerprint.of(live(G1, "Sales").cloud().members("+46732002244").description("Deals")
                .joinRequest("jr-1", "+46732003366").build())).isEqualTo(fp);
        assertThat(LiveFingerprint.of(live(G1, "Sales").cloud().members("+46732002244").description("Deals!")
                .joinRequest("jr-1", "+46732003366").build())).isNotEqualTo(fp);
        assertThat(LiveFingerprint.of(live(G1, "Sales").cloud().members("+46732002244").description("")
                .joinRequest("jr-1", "+46732003366").build())).isNotEqualTo(fp);
        assertThat(LiveFingerprint.of(live(G1, "Sales").cloud().members("+46732002244").description("Deals")
                .joinRequest("jr-1", "+46732003366").suspended().build())).isNotEqualTo(fp);
        assertThat(LiveFingerprint.of(live(G1, "Sales").cloud().members("+46732002244").description("Deals")
                .build())).isNotEqualTo(fp);
        assertThat(LiveFingerprint.of(live(G1, "Sales").cloud().members("+46732002244").description("Deals")
                .joinRequest("jr-2", "+46732003366").build())).isNotEqualTo(fp);
        assertThat(LiveFingerprint.of(live(G1, "Sales").cloud().members("+46732002244").description("Deals")
                .joinRequest("jr-1", "+46732003366").joinRequest("jr-9", "+46732004488").build())).isNotEqualTo(fp);
    }

    @Test
    void aDescriptionCannotImitateTheJoinRequestsThatFollowIt() {
        LiveGroup plain = live(G1, "S").cloud().description("D").joinRequest("jr-1", "+46732003366").build();
        LiveGroup tricky = live(G1, "S").cloud().description("D\njoin_requests:4:jr-1=+46732003366,").build();

        assertThat(LiveFingerprint.of(tricky)).isNotEqualTo(LiveFingerprint.of(plain));
    }
}
