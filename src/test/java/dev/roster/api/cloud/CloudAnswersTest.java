package dev.roster.api.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.api.ApiException;
import dev.roster.model.GroupId;
import dev.roster.model.JoinApproval;
import dev.roster.model.LiveGroup;
import dev.roster.model.Msisdn;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The answer shapes of Meta's reference and of its OpenAPI file are both read. */
class CloudAnswersTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final GroupId ID = GroupId.of("cg1");

    static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void participantsAreReadAsWaIdsUsersBareNumbersOrAGraphEdge() throws Exception {
        LiveGroup g = CloudAnswers.group(ID, json("""
                {"subject":"S","participants":{"data":[{"wa_id":"46700000001"},{"user":"+46700000002"},
                 "46700000003"]},"join_approval_mode":"APPROVAL_REQUIRED","suspended":"true"}"""), "GET /cg1", List.of());

        assertThat(g.members()).containsExactly(Msisdn.parse("+46700000001"), Msisdn.parse("+46700000002"),
                Msisdn.parse("+46700000003"));
        assertThat(g.joinApproval()).isEqualTo(JoinApproval.REQUIRED);
        assertThat(g.suspended()).isTrue();
        assertThat(g.description()).as("not asked for, not answered").isNull();
    }

    @Test
    void anAnswerWithoutGroupDataIsMalformed() {
        assertThatThrownBy(() -> CloudAnswers.group(ID, json("{\"id\":\"cg1\"}"), "GET /cg1", List.of()))
                .isInstanceOf(ApiException.MalformedResponse.class).hasMessage("GET /cg1: no group data in the answer");
    }

    @Test
    void aListingIsReadUnderDataGroupsOrAsDataItself() throws Exception {
        assertThat(CloudAnswers.groups(json("{\"data\":[{\"id\":\"a\"},{\"id\":7}]}"), "GET").items())
                .extracting(l -> l.id().value()).containsExactly("a", "7");
        CloudAnswers.Page<CloudAnswers.Listed> page = CloudAnswers.groups(json(
                "{\"data\":{\"groups\":[{\"id\":\"b\",\"subject\":\"B\"}]},\"paging\":{\"cursors\":{\"after\":\"X\"},"
                        + "\"next\":\"n\"}}"), "GET");
        assertThat(page.items()).containsExactly(new CloudAnswers.Listed(GroupId.of("b"), "B"));
        assertThat(page.after()).isEqualTo("X");
        assertThat(page.hasNext()).isTrue();
    }

    @Test
    void failedParticipantsAreNamedByDigitsAndAPartialSuccessWithoutNamesStillCounts() throws Exception {
        assertThat(CloudAnswers.failedParticipants(json("""
                {"failed_participants":["+46 700 000 001",{"wa_id":"46700000002","errors":[{"code":131212}]}]}""")))
                .containsExactly(new CloudAnswers.FailedParticipant("46700000001", 0, null),
                        new CloudAnswers.FailedParticipant("46700000002", 131212, null));
        assertThat(CloudAnswers.failedParticipants(json("{\"errors\":[{\"code\":131201,\"title\":\"Partial\"}]}")))
                .containsExactly(new CloudAnswers.FailedParticipant(null, 131201, "Partial"));
        assertThat(CloudAnswers.failedParticipants(json("{\"success\":true}"))).isEmpty();
    }

    @Test
    void failedJoinRequestsAreReadAsObjectsOrBareIds() throws Exception {
        assertThat(CloudAnswers.failedJoinRequests(json(
                "{\"failed_join_requests\":[{\"join_request_id\":\"jr1\"},\"jr2\",{\"id\":\"jr3\"}]}")))
                .containsExactly("jr1", "jr2", "jr3");
    }

    @Test
    void numbersInTheApisTextAreMaskedButErrorCodesAreNot() {
        assertThat(CloudAnswers.mask("(#131000) could not remove +46700000002 or 46700000003"))
                .isEqualTo("(#131000) could not remove [number] or [number]");
    }
}
