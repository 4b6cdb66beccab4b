package dev.roster.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.model.GroupId;
import dev.roster.plan.Action;
import dev.roster.plan.LiveFingerprint;
import dev.roster.plan.Plan;
import dev.roster.plan.SavedGroupPlan;
import dev.roster.plan.SavedPlan;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanFileTest {
    static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void readsBackWhatItWrote() {
        Plan plan = SamplePlans.full();

        SavedPlan saved = PlanFile.read(PlanFile.write(plan));

        assertThat(saved).isEqualTo(SavedPlan.of(plan));
        assertThat(saved.groups()).extracting(SavedGroupPlan::key).containsExactly("new-team", "sales", null, null);
        SavedGroupPlan sales = saved.groups().get(1);
        assertThat(sales.groupId()).isEqualTo(GroupId.of(SamplePlans.G1));
        assertThat(sales.liveFingerprint()).isEqualTo(LiveFingerprint.of(plan.groups().get(1).live()));
    }

    @Test
    void aPlanSavedWithRemovalsBeforeTheRotationIsReadWithTheRotationFirst() throws Exception {
        // older versions of roster saved remove_members before rotate_invite; such a plan must not be applied so
        ObjectNode file = (ObjectNode) MAPPER.readTree(PlanFile.write(SamplePlans.full()));
        ArrayNode changes = (ArrayNode) file.get("groups").get(1).get("changes");
        List<JsonNode> reversed = new ArrayList<>();
        changes.forEach(reversed::add);
        Collections.reverse(reversed);
        changes.removeAll().addAll(reversed);

        SavedPlan saved = PlanFile.read(MAPPER.writeValueAsString(file));

        assertThat(saved.groups().get(1).changes()).extracting(c -> c.action()).containsExactly(Action.SET_SUBJECT,
                Action.REMOVE_ADMINS, Action.ROTATE_INVITE, Action.REMOVE_MEMBERS, Action.ADD_ADMINS);
    }

    @Test
    void keepsGroupsWithOnlyPendingPeopleSoApplyCanPrintTheirInviteLink() {
        SavedPlan saved = PlanFile.read(PlanFile.write(SamplePlans.converged()));

        assertThat(saved.hasChanges()).isFalse();
        assertThat(saved.groups()).singleElement().satisfies(g -> assertThat(g.pending()).hasSize(1));
    }

    @Test
    void holdsThePlanJsonPlusGroupsWithFingerprintsAndKnownGroups() throws Exception {
        Plan plan = SamplePlans.full();
        StringWriter json = new StringWriter();
        new JsonRenderer().render(plan, new PrintWriter(json));

        ObjectNode file = (ObjectNode) MAPPER.readTree(PlanFile.write(plan));
        JsonNode groups = file.remove("groups");
        JsonNode known = file.remove("known_groups");

        assertThat(file).isEqualTo(MAPPER.readTree(json.toString()));
        assertThat(known.get("447506616260")).hasSize(3); // matched sales + the two unmanaged groups
        assertThat(known.get("46700000002")).hasSize(2);  // helpdesk + the unread one
        assertThat(groups.get(1).get("live_fingerprint").textValue()).matches("[0-9a-f]{16}");
        assertThat(groups.get(0).get("live_fingerprint").isNull()).isTrue();
        assertThat(groups.get(1).get("changes").get(0)).isEqualTo(
                MAPPER.readTree("{\"action\": \"set_subject\", \"from\": \"Sales\", \"to\": \"Sales Team\"}"));
    }

    @Test
    void refusesAnotherFormatVersion() {
        String json = PlanFile.write(SamplePlans.full()).replace("\"format_version\" : 1", "\"format_version\" : 2");

        assertThatThrownBy(() -> PlanFile.read(json)).isInstanceOf(PlanFileException.class)
                .hasMessage("saved plan has format_version 2; this roster reads format_version 1");
    }

    @Test
    void refusesPlainPlanJsonWithAHint() {
        StringWriter json = new StringWriter();
        new JsonRenderer().render(SamplePlans.full(), new PrintWriter(json));

        assertThatThrownBy(() -> PlanFile.read(json.toString())).isInstanceOf(PlanFileException.class)
                .hasMessageContaining("--out");
    }

    @Test
    void namesTheFieldThatIsWrong() {
        String json = PlanFile.write(SamplePlans.full()).replace("\"+46732009999\"", "\"not a number\"");

        assertThatThrownBy(() -> PlanFile.read(json)).isInstanceOf(PlanFileException.class)
                .hasMessageStartingWith("saved plan: groups[1].changes[3].numbers: ");
        assertThatThrownBy(() -> PlanFile.read("{not json")).isInstanceOf(PlanFileException.class)
                .hasMessageStartingWith("saved plan is not valid JSON");
    }

    @Test
    void refusesAChangedGroupWithoutFingerprint() {
        String json = PlanFile.write(SamplePlans.full()).replaceFirst("\"live_fingerprint\" : \"[0-9a-f]+\"",
                "\"live_fingerprint\" : null");

        assertThatThrownBy(() -> PlanFile.read(json)).isInstanceOf(PlanFileException.class)
                .hasMessageContaining("groups[1]: group_id and live_fingerprint are required");
    }
}
