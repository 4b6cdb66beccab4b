package dev.roster.simulator;

import static dev.roster.simulator.SimHttp.api;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import dev.roster.model.LiveGroup;
import dev.roster.model.Msisdn;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SimulatorApiTest {
    static final String BOT = "46700000001";
    static final BotId BOT_ID = BotId.of(BOT);
    static final Instant NOW = Instant.parse("2024-03-01T12:00:00Z");

    Simulator sim;
    SimHttp http;

    @BeforeEach
    void start() throws Exception {
        sim = Simulator.start(SimulatorConfig.defaults().withBots(BOT_ID), Clock.fixed(NOW, ZoneOffset.UTC));
        http = new SimHttp(sim);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    String create(String subject) {
        SimHttp.Reply reply = http.send("POST", api(BOT), "{\"subject\":\"" + subject + "\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().get("group_id").asText();
    }

    GroupId createWithPeople(String subject, String... members) {
        GroupId id = GroupId.of(create(subject));
        sim.state().join(BOT_ID, id, List.of(members).stream().map(Msisdn::parse).toList());
        return id;
    }

    static String numbersBody(String... numbers) {
        return "{\"numbers\":[" + String.join(",", List.of(numbers).stream().map(n -> "\"" + n + "\"").toList()) + "]}";
    }

    @Test
    void createMakesTheBotCreatorAndOnlyAdmin() {
        String id = create("Sales Team");

        assertThat(id).isEqualTo("group:" + BOT + "-" + NOW.getEpochSecond());
        JsonNode group = http.get(api(BOT, id)).json();
        assertThat(group.get("creator").asText()).isEqualTo(BOT);
        assertThat(group.get("admins")).extracting(JsonNode::asText).containsExactly(BOT);
        assertThat(group.get("members")).isEmpty();
        assertThat(group.get("subject").asText()).isEqualTo("Sales Team");
        assertThat(group.get("creation_time").asText()).isEqualTo("2024-03-01T12:00:00.000Z");
    }

    @Test
    void groupsCreatedInTheSameSecondGetDistinctIds() {
        List<String> ids = new ArrayList<>();
        IntStream.range(0, 3).forEach(i -> ids.add(create("G" + i)));

        assertThat(ids).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(GroupId.isWellFormed(id)).isTrue());
    }

    @Test
    void listAnswersEveryGroupOfTheBot() {
        String a = create("A");
        String b = create("B");

        SimHttp.Reply reply = http.get(api(BOT));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("groups")).extracting(JsonNode::asText).containsExactlyInAnyOrder(a, b);
    }

    @Test
    void groupIdIsAcceptedRawAndPercentEncoded() {
        String id = create("Colons");
        String encoded = id.replace(":", "%3A");

        assertThat(http.get(api(BOT, id)).status()).isEqualTo(200);
        assertThat(http.get(api(BOT, encoded)).status()).isEqualTo(200);
        assertThat(http.send("PATCH", api(BOT, encoded), "{\"subject\":\"Renamed\"}").status()).isEqualTo(200);
        assertThat(sim.state().group(BOT_ID, GroupId.of(id)).orElseThrow().subject()).isEqualTo("Renamed");
    }

    @Test
    void patchChangesTheSubjectAndAnswersAnEmptyBody() {
        String id = create("Old");

        SimHttp.Reply reply = http.send("PATCH", api(BOT, id), "{\"subject\":\"New\"}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEmpty();
        assertThat(http.get(api(BOT, id)).json().get("subject").asText()).isEqualTo("New");
    }

    @Test
    void leavingRemovesTheGroupFromTheListAndLaterCallsAnswer404() {
        String id = create("Leave me");

        assertThat(http.send("DELETE", api(BOT, id), null).status()).isEqualTo(200);

        assertThat(http.get(api(BOT)).json().get("groups")).isEmpty();
        SimHttp.Reply after = http.get(api(BOT, id));
        assertThat(after.status()).isEqualTo(404);
        assertThat(after.json().get("reason").asText()).isEqualTo("Group not found");
        assertThat(http.send("DELETE", api(BOT, id), null).status()).isEqualTo(404);
    }

    @Test
    void joinedNumbersAreMembersAndAnswersUseDigitsWithoutPlus() {
        String id = create("Join");

        SimHttp.Reply joined = http.send("POST", "/_sim/" + BOT + "/groups/" + id + "/join",
                numbersBody("+46701234567", "46709876543"));

        assertThat(joined.status()).isEqualTo(200);
        assertThat(http.get(api(BOT, id)).json().get("members")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("46701234567", "46709876543");
    }

    @Test
    void removeMembersRemovesParticipantsAndIgnoresStrangers() {
        GroupId id = createWithPeople("Remove", "+46701111111", "+46702222222");

        SimHttp.Reply reply = http.send("DELETE", api(BOT, id.value()) + "/member",
                numbersBody("+46701111111", "46709999999"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(sim.state().group(BOT_ID, id).orElseThrow().participants())
                .containsExactlyInAnyOrder(Msisdn.parse(BOT), Msisdn.parse("+46702222222"));
    }

    @Test
    void removingAnAdminTakesThemOutOfTheGroup() {
        GroupId id = createWithPeople("Remove admin", "+46701111111");
        sim.state().promote(BOT_ID, id, List.of(Msisdn.parse("+46701111111")));

        assertThat(http.send("DELETE", api(BOT, id.value()) + "/member", numbersBody("46701111111")).status())
                .isEqualTo(200);

        LiveGroup group = sim.state().group(BOT_ID, id).orElseThrow();
        assertThat(group.isParticipant(Msisdn.parse("+46701111111"))).isFalse();
    }

    @Test
    void promotingMovesAMemberToAdminsAndDemotingMovesThemBack() {
        GroupId id = createWithPeople("Admins", "+46701111111");
        String path = api(BOT, id.value()) + "/admin";

        assertThat(http.send("POST", path, numbersBody("46701111111")).status()).isEqualTo(200);
        JsonNode promoted = http.get(api(BOT, id.value())).json();
        assertThat(promoted.get("admins")).extracting(JsonNode::asText).containsExactlyInAnyOrder(BOT, "46701111111");
        assertThat(promoted.get("members")).isEmpty();

        assertThat(http.send("DELETE", path, numbersBody("+46701111111")).status()).isEqualTo(200);
        JsonNode demoted = http.get(api(BOT, id.value())).json();
        assertThat(demoted.get("admins")).extracting(JsonNode::asText).containsExactly(BOT);
        assertThat(demoted.get("members")).extracting(JsonNode::asText).containsExactly("46701111111");
    }

    @Test
    void aGroupReadBetweenChangesShowsEachChange() {
        String id = create("Cached");
        String group = api(BOT, id);
        assertThat(http.get(group).body()).isEqualTo(http.get(group).body());

        http.send("PATCH", group, "{\"subject\":\"Renamed\"}");
        assertThat(http.get(group).json().get("subject").asText()).isEqualTo("Renamed");

        http.send("POST", "/_sim/" + BOT + "/groups/" + id + "/join", numbersBody("46701111111", "46702222222"));
        assertThat(http.get(group).json().get("members")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("46701111111", "46702222222");

        http.send("POST", group + "/admin", numbersBody("46701111111"));
        assertThat(http.get(group).json().get("admins")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder(BOT, "46701111111");

        http.send("DELETE", group + "/admin", numbersBody("46701111111"));
        assertThat(http.get(group).json().get("admins")).extracting(JsonNode::asText).containsExactly(BOT);

        http.send("DELETE", group + "/member", numbersBody("46702222222"));
        assertThat(http.get(group).json().get("members")).extracting(JsonNode::asText)
                .containsExactly("46701111111");
    }

    @Test
    void inviteLinkIsStableUntilRevokedAndThenRenewed() {
        String id = create("Invite");
        String path = api(BOT, id) + "/invite";

        String first = http.get(path).json().get("invite_link").asText();
        String again = http.get(path).json().get("invite_link").asText();
        assertThat(http.send("DELETE", path, null).status()).isEqualTo(200);
        String renewed = http.get(path).json().get("invite_link").asText();

        assertThat(first).startsWith("https://chat.whatsapp.com/").isEqualTo(again);
        assertThat(renewed).startsWith("https://chat.whatsapp.com/").isNotEqualTo(first);
        assertThat(sim.state().inviteLink(BOT_ID, GroupId.of(id))).isEqualTo(renewed);
    }

    @Test
    void wrongOrMissingTokenIsUnauthorized() {
        String id = create("Auth");

        for (SimHttp client : List.of(http.withToken("wrong-token"), http.withToken(null))) {
            SimHttp.Reply reply = client.get(api(BOT, id));
            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.json().get("message").asText()).isEqualTo("401");
            assertThat(reply.json().get("reason").asText()).isEqualTo("Unauthorized bot");
            assertThat(reply.body()).doesNotContain(SimulatorConfig.DEFAULT_TOKEN);
        }
    }

    @Test
    void unknownBotIsUnauthorized() {
        SimHttp.Reply reply = http.send("POST", api("46799999999"), "{\"subject\":\"X\"}");

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().get("reason").asText()).isEqualTo("Unauthorized bot");
    }

    @Test
    void unknownGroupIsNotFound() {
        SimHttp.Reply reply = http.get(api(BOT, "group:" + BOT + "-1"));

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().get("reason").asText()).isEqualTo("Group not found");
    }

    @Test
    void invalidSubjectsAreValidationErrors() {
        String id = create("Valid");

        assertValidationError(http.send("POST", api(BOT), "{\"subject\":\"\"}"));
        assertValidationError(http.send("POST", api(BOT), "{}"));
        assertValidationError(http.send("POST", api(BOT), "{\"subject\":\"" + "x".repeat(26) + "\"}"));
        assertValidationError(http.send("PATCH", api(BOT, id), "{\"subject\":\"  \"}"));
        assertThat(http.send("POST", api(BOT), "{\"subject\":\"" + "x".repeat(25) + "\"}").status()).isEqualTo(200);
        assertThat(sim.state().group(BOT_ID, GroupId.of(id)).orElseThrow().subject()).isEqualTo("Valid");
    }

    @Test
    void malformedJsonIsAValidationError() {
        String id = create("Json");

        assertValidationError(http.send("POST", api(BOT), "{\"subject\":"));
        assertValidationError(http.send("DELETE", api(BOT, id) + "/member", "not json"));
        assertValidationError(http.send("POST", api(BOT, id) + "/admin", null));
    }

    @Test
    void numbersListMustHoldOneToTwentyEntries() {
        GroupId id = createWithPeople("Limits");
        String[] twentyOne = IntStream.range(0, 21).mapToObj(i -> "4670100" + (1000 + i)).toArray(String[]::new);
        sim.state().join(BOT_ID, id, List.of(twentyOne).stream().map(Msisdn::parse).toList());
        String path = api(BOT, id.value()) + "/member";

        assertValidationError(http.send("DELETE", path, "{\"numbers\":[]}"));
        assertValidationError(http.send("DELETE", path, numbersBody(twentyOne)));
        assertThat(sim.state().group(BOT_ID, id).orElseThrow().members()).hasSize(21);
        assertThat(http.send("DELETE", path, numbersBody(List.of(twentyOne).subList(0, 20).toArray(String[]::new)))
                .status()).isEqualTo(200);
        assertThat(sim.state().group(BOT_ID, id).orElseThrow().members()).hasSize(1);
    }

    @Test
    void promotingANonParticipantIsAValidationErrorAndPromotesNobody() {
        GroupId id = createWithPeople("Promote", "+46701111111");

        assertValidationError(http.send("POST", api(BOT, id.value()) + "/admin",
                numbersBody("46701111111", "46709999999")));

        assertThat(sim.state().group(BOT_ID, id).orElseThrow().admins()).containsExactly(Msisdn.parse(BOT));
    }

    @Test
    void removingOrDemotingTheBotItselfIsAValidationError() {
        GroupId id = createWithPeople("Self", "+46701111111");

        assertValidationError(http.send("DELETE", api(BOT, id.value()) + "/member", numbersBody("46701111111", BOT)));
        assertValidationError(http.send("DELETE", api(BOT, id.value()) + "/admin", numbersBody("+" + BOT)));

        LiveGroup group = sim.state().group(BOT_ID, id).orElseThrow();
        assertThat(group.admins()).containsExactly(Msisdn.parse(BOT));
        assertThat(group.members()).containsExactly(Msisdn.parse("+46701111111"));
    }

    @Test
    void invalidNumbersAreValidationErrors() {
        String id = create("Bad numbers");

        assertValidationError(http.send("POST", api(BOT, id) + "/admin", numbersBody("not-a-number")));
    }

    @Test
    void unknownEndpointsAnswer404() {
        assertThat(http.get("/whatsapp/v1/" + BOT + "/nothing").status()).isEqualTo(404);
        assertThat(http.send("PUT", api(BOT), "{}").status()).isEqualTo(404);
    }

    private static void assertValidationError(SimHttp.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.json().get("message").asText()).isEqualTo("Validation error");
        assertThat(reply.json().get("reason").asText()).isNotBlank();
    }
}
