package dev.roster.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import dev.roster.model.Secret;
import dev.roster.plan.Action;
import dev.roster.plan.LiveFingerprint;
import dev.roster.plan.Plan;
import dev.roster.plan.SavedGroupPlan;
import dev.roster.plan.SavedPlan;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PlanFileTest {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String TOKEN = "plan-file-test-token-5b7d0e";
    static final String TOKEN2 = "second-bot-token-91aa";
    static final PlanTarget API = PlanTarget.of(URI.create("https://eu1.whatsapp.api.sinch.com"));
    static final Function<BotId, Secret> TOKENS =
            bot -> Secret.of(bot.equals(SamplePlans.BOT2) ? TOKEN2 : TOKEN);
    static final Map<String, String> TOKEN_PER_BOT =
            Map.of("447506616260", TOKEN, SamplePlans.BOT2.value(), TOKEN2);

    static String write(Plan plan) {
        return PlanFile.write(plan, API, TOKENS);
    }

    static SavedPlan read(String json) {
        return PlanFile.read(json, API, TOKENS, 25);
    }

    /** The saved full plan after {@code edit}, signed again with the right tokens (a forger who has them). */
    static String forged(Consumer<ObjectNode> edit) throws Exception {
        ObjectNode file = ForgedPlans.tree(write(SamplePlans.full()));
        edit.accept(file);
        return ForgedPlans.resign(file, TOKEN_PER_BOT);
    }

    @Test
    void readsBackWhatItWrote() {
        Plan plan = SamplePlans.full();

        SavedPlan saved = read(write(plan));

        assertThat(saved).isEqualTo(SavedPlan.of(plan));
        assertThat(saved.groups()).extracting(SavedGroupPlan::key).containsExactly("new-team", "sales", null, null);
        SavedGroupPlan sales = saved.groups().get(1);
        assertThat(sales.groupId()).isEqualTo(GroupId.of(SamplePlans.G1));
        assertThat(sales.liveFingerprint()).isEqualTo(LiveFingerprint.of(plan.groups().get(1).live()));
    }

    @Test
    void aPlanWithRemovalsBeforeTheRotationIsReadWithTheRotationFirst() throws Exception {
        // the apply order is the reader's: even a signed plan that lists removals first is not applied so
        String json = forged(f -> {
            ArrayNode changes = (ArrayNode) f.get("groups").get(1).get("changes");
            List<JsonNode> reversed = new ArrayList<>();
            changes.forEach(reversed::add);
            Collections.reverse(reversed);
            changes.removeAll().addAll(reversed);
        });

        SavedPlan saved = read(json);

        assertThat(saved.groups().get(1).changes()).extracting(c -> c.action()).containsExactly(Action.SET_SUBJECT,
                Action.REMOVE_ADMINS, Action.ROTATE_INVITE, Action.REMOVE_MEMBERS, Action.ADD_ADMINS);
    }

    @Test
    void keepsGroupsWithOnlyPendingPeopleSoApplyCanPrintTheirInviteLink() {
        SavedPlan saved = read(write(SamplePlans.converged()));

        assertThat(saved.hasChanges()).isFalse();
        assertThat(saved.groups()).singleElement().satisfies(g -> assertThat(g.pending()).hasSize(1));
    }

    @Test
    void holdsThePlanJsonPlusApiBotsGroupsKnownGroupsAndSignature() throws Exception {
        Plan plan = SamplePlans.full();
        StringWriter json = new StringWriter();
        new JsonRenderer().render(plan, new PrintWriter(json));

        ObjectNode file = (ObjectNode) MAPPER.readTree(write(plan));
        JsonNode groups = file.remove("groups");
        JsonNode known = file.remove("known_groups");
        assertThat(file.remove("api").textValue()).isEqualTo("https://eu1.whatsapp.api.sinch.com");
        assertThat(file.remove("bots")).isEqualTo(MAPPER.readTree("[\"447506616260\", \"46700000002\"]"));
        assertThat(file.remove("signature").textValue()).matches("hmac-sha256:[0-9a-f]{64}");
        assertThat(file.remove("format_version").intValue()).isEqualTo(2);

        ObjectNode planJson = (ObjectNode) MAPPER.readTree(json.toString());
        assertThat(planJson.remove("format_version").intValue()).isEqualTo(1);
        assertThat(file).isEqualTo(planJson);
        assertThat(known.get("447506616260")).hasSize(3); // matched sales + the two unmanaged groups
        assertThat(known.get("46700000002")).hasSize(2);  // helpdesk + the unread one
        assertThat(groups.get(1).get("live_fingerprint").textValue()).matches("[0-9a-f]{16}");
        assertThat(groups.get(0).get("live_fingerprint").isNull()).isTrue();
        assertThat(groups.get(1).get("changes").get(0)).isEqualTo(
                MAPPER.readTree("{\"action\": \"set_subject\", \"from\": \"Sales\", \"to\": \"Sales Team\"}"));
    }

    @Test
    void theSignatureIsTheDocumentedHmacKeyedFromEachBotsToken() throws Exception {
        ObjectNode file = ForgedPlans.tree(write(SamplePlans.full()));

        assertThat(file.get("signature").textValue()).isEqualTo(ForgedPlans.signature(file, TOKEN_PER_BOT));
    }

    @Test
    void theFileHoldsNoPartOfAnyToken() {
        String json = write(SamplePlans.full());

        for (String token : TOKEN_PER_BOT.values()) {
            for (int i = 0; i + 6 <= token.length(); i++) {
                assertThat(json).doesNotContain(token.substring(i, i + 6));
            }
        }
    }

    @Test
    void aChangedValueIsRefusedAsNotWhatRosterWrote() {
        String json = write(SamplePlans.full()).replace("\"+46732009999\"", "\"+46732009998\"");

        assertThatThrownBy(() -> read(json)).isInstanceOf(PlanFileException.class)
                .hasMessage("saved plan's signature does not match: the file was changed after `roster plan --out` "
                        + "wrote it, or it was signed with another API token for bot(s) 447506616260, 46700000002; "
                        + "plan again");
    }

    @Test
    void aPlanSignedWithAnotherTokenOfOneBotIsRefused() {
        String json = PlanFile.write(SamplePlans.full(), API,
                bot -> Secret.of(bot.equals(SamplePlans.BOT2) ? "not-the-token" : TOKEN));

        assertThatThrownBy(() -> read(json)).isInstanceOf(PlanFileException.class)
                .hasMessageStartingWith("saved plan's signature does not match");
    }

    @Test
    void aPlanForABotWithoutATokenIsRefusedSayingWhereATokenGoes() {
        String json = write(SamplePlans.full());

        assertThatThrownBy(() -> PlanFile.read(json, API, bot -> bot.equals(SamplePlans.BOT2) ? null : Secret.of(TOKEN),
                25)).isInstanceOf(PlanFileException.class).hasMessage("saved plan is for bot 46700000002, and no API "
                + "token is configured for it to check the plan's signature with: set SINCH_API_TOKEN (or api.token "
                + "or api.tokens in the settings file)");
    }

    @Test
    void aPlanWithoutSignatureIsRefused() throws Exception {
        ObjectNode file = ForgedPlans.tree(write(SamplePlans.full()));
        file.remove("signature");

        assertThatThrownBy(() -> read(MAPPER.writeValueAsString(file))).isInstanceOf(PlanFileException.class)
                .hasMessageContaining("no valid \"signature\"");
    }

    @Test
    void aPlanIsRefusedByAnotherApiNamingTheApiItWasMadeFor() {
        String eu = write(SamplePlans.full());
        PlanTarget us = PlanTarget.of(URI.create("https://US1.whatsapp.api.sinch.com:443/"));
        String sandbox = PlanFile.write(SamplePlans.full(), PlanTarget.sandbox(), TOKENS);

        assertThatThrownBy(() -> PlanFile.read(eu, us, TOKENS, 25)).hasMessage(
                "saved plan was made for https://eu1.whatsapp.api.sinch.com, not for "
                        + "https://us1.whatsapp.api.sinch.com (api.baseUrl or --api-url): apply it against "
                        + "https://eu1.whatsapp.api.sinch.com, or plan again");
        assertThatThrownBy(() -> PlanFile.read(eu, PlanTarget.sandbox(), TOKENS, 25)).hasMessage(
                "saved plan was made for https://eu1.whatsapp.api.sinch.com, not for the sandbox (--sandbox): "
                        + "apply it without --sandbox, against https://eu1.whatsapp.api.sinch.com, or plan again "
                        + "with --sandbox");
        assertThatThrownBy(() -> PlanFile.read(sandbox, API, TOKENS, 25)).hasMessage(
                "saved plan was made for the sandbox (--sandbox), not for https://eu1.whatsapp.api.sinch.com: "
                        + "apply it with --sandbox, or plan again against https://eu1.whatsapp.api.sinch.com");
        assertThat(PlanFile.read(sandbox, PlanTarget.sandbox(), TOKENS, 25).groups()).hasSize(4);
    }

    @Test
    void theApiIsWrittenWithoutUserInfoQueryOrFragment() {
        PlanTarget target = PlanTarget.of(URI.create("HTTPS://user:pass@Api.Example.invalid:8443/v1/?key=abc#x"));

        assertThat(target.value()).isEqualTo("https://api.example.invalid:8443/v1");
        assertThat(PlanTarget.parse(target.value())).isEqualTo(target);
        assertThat(PlanTarget.parse("https://user:pass@api.example.invalid")).isNull();
        assertThat(PlanTarget.parse("https://api.example.invalid/\nforged")).isNull();
    }

    @Test
    void anOlderFormatVersionIsRefusedAsUnsigned() {
        String json = write(SamplePlans.full()).replace("\"format_version\" : 2", "\"format_version\" : 1");

        assertThatThrownBy(() -> read(json)).isInstanceOf(PlanFileException.class)
                .hasMessage("saved plan has format_version 1, which is not signed (plan JSON from --format json, "
                        + "or a plan saved by an older roster); this roster applies only signed plans, "
                        + "format_version 2: save the plan again with `roster plan --out`");
    }

    @Test
    void aNewerFormatVersionIsRefused() {
        String json = write(SamplePlans.full()).replace("\"format_version\" : 2", "\"format_version\" : 3");

        assertThatThrownBy(() -> read(json)).isInstanceOf(PlanFileException.class)
                .hasMessage("saved plan has format_version 3; this roster reads format_version 2");
    }

    @Test
    void plainPlanJsonIsRefusedWithAHint() {
        StringWriter json = new StringWriter();
        new JsonRenderer().render(SamplePlans.full(), new PrintWriter(json));

        assertThatThrownBy(() -> read(json.toString())).isInstanceOf(PlanFileException.class)
                .hasMessageContaining("roster plan --out");
    }

    @Test
    void aDuplicateKeyIsNotValidJson() {
        String json = write(SamplePlans.full()).replaceFirst("\"api\" :", "\"api\" : \"sandbox\", \"api\" :");

        assertThatThrownBy(() -> read(json)).isInstanceOf(PlanFileException.class)
                .hasMessageStartingWith("saved plan is not valid JSON (line ");
        assertThatThrownBy(() -> read("{not json")).isInstanceOf(PlanFileException.class)
                .hasMessageStartingWith("saved plan is not valid JSON");
    }

    static Stream<Arguments> forgeries() {
        return Stream.of(
                Arguments.of("a subject with NUL", (Consumer<ObjectNode>) f -> ForgedPlans.firstChange(f)
                        .put("subject", "New\u0000Team"), "groups[0].changes[0].subject: subject must be one line"),
                Arguments.of("a subject with a newline", (Consumer<ObjectNode>) f -> ForgedPlans.firstChange(f)
                        .put("subject", "New\nTeam"), "groups[0].changes[0].subject: subject must be one line"),
                Arguments.of("a 10,000-character subject", (Consumer<ObjectNode>) f -> ForgedPlans.firstChange(f)
                        .put("subject", "x".repeat(10_000)), "groups[0].changes[0].subject: subject is 10000 "
                        + "characters long; at most 25 are allowed (reconcile.subjectMaxLength)"),
                Arguments.of("an empty subject", (Consumer<ObjectNode>) f -> ForgedPlans.firstChange(f)
                        .put("subject", " "), "groups[0].changes[0].subject: subject must not be empty"),
                Arguments.of("a renamed group's new subject with a newline", (Consumer<ObjectNode>) f ->
                        ((ObjectNode) f.get("groups").get(1).get("changes").get(0)).put("to", "Sales\nTeam"),
                        "groups[1].changes[0].to: subject must be one line"),
                Arguments.of("a group key with spaces", (Consumer<ObjectNode>) f ->
                        ((ObjectNode) f.get("groups").get(0)).put("group", "Evil Group"),
                        "groups[0].group: a group key must match"),
                Arguments.of("a malformed group id", (Consumer<ObjectNode>) f ->
                        ((ObjectNode) f.get("groups").get(1)).put("group_id", "group:../../admin"),
                        "groups[1].group_id: a group id has the form"),
                Arguments.of("a group id the bot did not have", (Consumer<ObjectNode>) f ->
                        ((ObjectNode) f.get("groups").get(1)).put("group_id", "group:447506616260-1"),
                        "groups[1].group_id group:447506616260-1 is not among the groups bot 447506616260 had"),
                Arguments.of("a bot not planned for", (Consumer<ObjectNode>) f ->
                        ((ObjectNode) f.get("groups").get(1)).put("bot", "46700000009"),
                        "groups[1].bot: bot 46700000009 is not one of the plan's bots"),
                Arguments.of("an unknown action", (Consumer<ObjectNode>) f -> ForgedPlans.firstChange(f)
                        .put("action", "delete_everyone"), "groups[0].changes[0]: unknown action \"delete_everyone\""),
                Arguments.of("a number that is not one", (Consumer<ObjectNode>) f ->
                        ((ArrayNode) f.get("groups").get(1).get("changes").get(3).get("numbers"))
                                .set(0, "+4673200999x"),
                        "groups[1].changes[3].numbers[0]: not an international phone number"),
                Arguments.of("a number twice", (Consumer<ObjectNode>) f ->
                        ((ArrayNode) f.get("groups").get(1).get("changes").get(3).get("numbers")).add("46732009999"),
                        "groups[1].changes[3].numbers[1]: duplicate number +46732009999"),
                Arguments.of("an action twice", (Consumer<ObjectNode>) f ->
                        ((ArrayNode) f.get("groups").get(1).get("changes")).add(
                                f.get("groups").get(1).get("changes").get(1).deepCopy()),
                        "is already a change of this group"),
                Arguments.of("a managed group to leave", (Consumer<ObjectNode>) f ->
                        ((ArrayNode) f.get("groups").get(1).get("changes")).addObject().put("action", "leave_group"),
                        "groups[1]: leave_group or delete_group is the only change of an unmanaged group"),
                Arguments.of("a group in the plan twice", (Consumer<ObjectNode>) f ->
                        ((ArrayNode) f.get("groups")).add(f.get("groups").get(1).deepCopy()),
                        "groups[4]: the group is in the plan twice"),
                Arguments.of("a create after another change", (Consumer<ObjectNode>) f ->
                        ((ArrayNode) f.get("groups").get(1).get("changes")).addObject().put("action", "create_group")
                                .put("subject", "Evil Group"),
                        "create_group can only be a group's first change"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgeries")
    void aReSignedPlanIsStillCheckedValueByValueAsTheLoaderWould(String name, Consumer<ObjectNode> edit,
            String message) throws Exception {
        String json = forged(edit);

        assertThatThrownBy(() -> read(json)).isInstanceOf(PlanFileException.class)
                .hasMessageContaining("saved plan: ").hasMessageContaining(message);
    }

    @Test
    void aChangedGroupWithoutFingerprintIsRefused() throws Exception {
        String json = forged(f -> ((ObjectNode) f.get("groups").get(1)).putNull("live_fingerprint"));

        assertThatThrownBy(() -> read(json)).isInstanceOf(PlanFileException.class)
                .hasMessageContaining("groups[1]: group_id and live_fingerprint are required");
    }

    @Test
    void theSubjectLengthSettingIsTheOneInForce() {
        String json = write(SamplePlans.full()); // creates "New Team", 8 characters

        assertThatThrownBy(() -> PlanFile.read(json, API, TOKENS, 7)).isInstanceOf(PlanFileException.class)
                .hasMessageContaining("subject is 8 characters long; at most 7 are allowed");
    }
}
