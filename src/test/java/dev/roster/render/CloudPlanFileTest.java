package dev.roster.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.plan.Action;
import dev.roster.plan.Change;
import dev.roster.plan.Plan;
import dev.roster.plan.RemoveMembers;
import dev.roster.plan.SavedGroupPlan;
import dev.roster.plan.SavedPlan;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Saved plans with the actions of a provider like the Cloud API: they round-trip, and each value is checked. */
class CloudPlanFileTest {

    /** The saved cloud plan after {@code edit}, signed again with the right token (a forger who has it). */
    static String forged(Consumer<ObjectNode> edit) throws Exception {
        ObjectNode file = ForgedPlans.tree(PlanFileTest.write(CloudPlans.full()));
        edit.accept(file);
        return ForgedPlans.resign(file, PlanFileTest.TOKEN);
    }

    /** Change {@code index} of the sales group: 0 set_description, 1 remove_members, 2 reject, 3 approve, 4 invites. */
    static ObjectNode sales(ObjectNode file, int index) {
        return (ObjectNode) file.get("groups").get(0).get("changes").get(index);
    }

    @Test
    void everyCloudActionReadsBackAsItWasWritten() {
        Plan plan = CloudPlans.full();

        SavedPlan saved = PlanFileTest.read(PlanFileTest.write(plan));

        assertThat(saved).isEqualTo(SavedPlan.of(plan));
        assertThat(saved.groups()).extracting(SavedGroupPlan::key).containsExactly("sales", "fresh", "frozen", null);
        assertThat(saved.groups().get(0).changes()).extracting(Change::action).containsExactly(Action.SET_DESCRIPTION,
                Action.REMOVE_MEMBERS, Action.REJECT_JOIN_REQUESTS, Action.APPROVE_JOIN_REQUESTS, Action.SEND_INVITES);
        assertThat(saved.groups().get(0).changes().get(1)).isInstanceOfSatisfying(RemoveMembers.class,
                r -> assertThat(r.permanent()).isTrue());
        assertThat(saved.groups().get(3).changes()).extracting(Change::action).containsExactly(Action.DELETE_GROUP);
    }

    @Test
    void aDescriptionOfTheLongestLengthWithLineBreaksIsRead() throws Exception {
        String longest = "line\n".repeat(409) + "abc"; // 2,048 characters
        String json = forged(f -> sales(f, 0).put("to", longest));

        assertThat(PlanFileTest.read(json).groups().get(0).changes().get(0).toString()).contains("abc");
    }

    static Stream<Arguments> forgeries() {
        return Stream.of(
                Arguments.of("a description with a tab", (Consumer<ObjectNode>) f -> sales(f, 0).put("to", "a\tb"),
                        "groups[0].changes[0].to: a description has no tabs or other control characters"),
                Arguments.of("a live description with an escape", (Consumer<ObjectNode>) f ->
                        sales(f, 0).put("from", "a\u001B[2Jb"), "groups[0].changes[0].from: a description has no"),
                Arguments.of("a description too long", (Consumer<ObjectNode>) f -> sales(f, 0).put("to",
                        "x".repeat(2049)),
                        "groups[0].changes[0].to: description is 2049 characters long; at most 2048"),
                Arguments.of("a description missing", (Consumer<ObjectNode>) f -> sales(f, 0).remove("to"),
                        "groups[0].changes[0]: \"to\" is missing"),
                Arguments.of("a create's description with NUL", (Consumer<ObjectNode>) f ->
                        ((ObjectNode) f.get("groups").get(1).get("changes").get(0)).put("description", "a\u0000"),
                        "groups[1].changes[0].description: a description has no tabs"),
                Arguments.of("an unknown join approval", (Consumer<ObjectNode>) f ->
                        ((ObjectNode) f.get("groups").get(1).get("changes").get(0)).put("join_approval",
                                "approval_required"), "groups[1].changes[0].join_approval must be \"required\" or"),
                Arguments.of("permanent that is no boolean", (Consumer<ObjectNode>) f ->
                        sales(f, 1).put("permanent", "yes"), "groups[0].changes[1].permanent must be true or false"),
                Arguments.of("an empty request id", (Consumer<ObjectNode>) f ->
                        ((ArrayNode) sales(f, 2).get("requests")).set(0, ""),
                        "groups[0].changes[2].requests[0]: a join request id is a non-empty string"),
                Arguments.of("a request id with a newline", (Consumer<ObjectNode>) f ->
                        ((ArrayNode) sales(f, 3).get("requests")).set(0, "jr\n1"),
                        "groups[0].changes[3].requests[0]: a join request id is a non-empty string"),
                Arguments.of("a request id that is a number", (Consumer<ObjectNode>) f ->
                        ((ArrayNode) sales(f, 3).get("requests")).set(0, 17),
                        "groups[0].changes[3].requests[0]: a join request id is a non-empty string"),
                Arguments.of("a request without its number", (Consumer<ObjectNode>) f ->
                        ((ArrayNode) sales(f, 3).get("requests")).add("jr-9"),
                        "groups[0].changes[3]: \"requests\" must not be empty, and \"numbers\" must hold the number"),
                Arguments.of("no requests", (Consumer<ObjectNode>) f -> {
                    ((ArrayNode) sales(f, 3).get("requests")).removeAll();
                    ((ArrayNode) sales(f, 3).get("numbers")).removeAll();
                }, "groups[0].changes[3]: \"requests\" must not be empty"),
                Arguments.of("a request twice", (Consumer<ObjectNode>) f -> {
                    ((ArrayNode) sales(f, 3).get("requests")).add("jr-1");
                    ((ArrayNode) sales(f, 3).get("numbers")).add(CloudPlans.CARL);
                }, "groups[0].changes[3].requests[1]: the request is in the list twice"),
                Arguments.of("a requester that is no number", (Consumer<ObjectNode>) f ->
                        ((ArrayNode) sales(f, 2).get("numbers")).set(0, "+4673200887x"),
                        "groups[0].changes[2].numbers[0]: not an international phone number"),
                Arguments.of("an invitee that is no number", (Consumer<ObjectNode>) f ->
                        ((ArrayNode) sales(f, 4).get("numbers")).set(0, "evil"),
                        "groups[0].changes[4].numbers[0]: not an international phone number"),
                Arguments.of("no invitees", (Consumer<ObjectNode>) f ->
                        ((ArrayNode) sales(f, 4).get("numbers")).removeAll(),
                        "groups[0].changes[4].numbers must not be empty"),
                Arguments.of("a managed group to delete", (Consumer<ObjectNode>) f ->
                        ((ArrayNode) f.get("groups").get(0).get("changes")).addObject().put("action", "delete_group"),
                        "groups[0]: leave_group or delete_group is the only change of an unmanaged group"),
                Arguments.of("an unmanaged group deleted and more", (Consumer<ObjectNode>) f ->
                        ((ArrayNode) f.get("groups").get(3).get("changes")).addObject().put("action", "rotate_invite"),
                        "groups[3]: leave_group or delete_group is the only change of an unmanaged group"),
                Arguments.of("a group to create with a removal", (Consumer<ObjectNode>) f ->
                        ((ArrayNode) f.get("groups").get(1).get("changes")).add(sales(f, 1).deepCopy()),
                        "groups[1]: a group to create has no change but create_group and send_invites"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgeries")
    void aReSignedCloudPlanIsStillCheckedValueByValue(String name, Consumer<ObjectNode> edit, String message)
            throws Exception {
        String json = forged(edit);

        assertThatThrownBy(() -> PlanFileTest.read(json)).isInstanceOf(PlanFileException.class)
                .hasMessageContaining("saved plan: ").hasMessageContaining(message);
    }
}
