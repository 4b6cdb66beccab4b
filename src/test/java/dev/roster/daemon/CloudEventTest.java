package dev.roster.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading Meta's webhook envelope into group events. */
class CloudEventTest {
    private static List<CloudEvent> parse(String body) {
        return CloudEvent.parse(body.getBytes(StandardCharsets.UTF_8)).orElseThrow();
    }

    private static String envelope(String groups) {
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"field\":\"f\","
                + "\"value\":{\"metadata\":{\"phone_number_id\":\"4670001\"},\"groups\":[" + groups + "]}}]}]}";
    }

    @Test
    void bothSpellingsOfTheParticipantEventsAreOneType() {
        List<CloudEvent> events = parse(envelope("{\"type\":\"group_add_participants\",\"group_id\":\"cg1\"},"
                + "{\"type\":\"group_participants_add\",\"group_id\":\"cg1\"},"
                + "{\"type\":\"group_remove_participants\",\"group_id\":\"cg1\",\"initiated_by\":\"business\"},"
                + "{\"type\":\"group_participants_remove\",\"group_id\":\"cg1\",\"initiated_by\":\"participant\"}"));

        assertThat(events).extracting(CloudEvent::type).containsExactly("group_participants_add",
                "group_participants_add", "group_participants_remove", "group_participants_remove");
        assertThat(events).extracting(CloudEvent::byTheBusiness).containsExactly(false, false, true, false);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.bot()).isEqualTo(BotId.of("4670001"));
            assertThat(e.group()).isEqualTo(GroupId.of("cg1"));
        });
    }

    @Test
    void aFailedCreateCarriesItsRequestAndTheFirstErrorsMessageWithDetails() {
        CloudEvent event = parse(envelope("{\"type\":\"group_create\",\"request_id\":\"r1\",\"errors\":[{\"code\":1,"
                + "\"message\":\"Group create limit reached\",\"error_data\":{\"details\":\"10000 groups\"}}]}"))
                .get(0);

        assertThat(event.requestId()).isEqualTo("r1");
        assertThat(event.group()).isNull();
        assertThat(event.failure()).isEqualTo("Group create limit reached: 10000 groups");
        assertThat(event.changesTheList()).isTrue();
    }

    @Test
    void otherObjectsAndUnknownTypesGiveNoEventToRunButTextThatIsNotJsonIsRefused() {
        assertThat(parse("{\"object\":\"page\",\"entry\":[]}")).isEmpty();
        assertThat(parse(envelope("{\"type\":\"group_icon_update\",\"group_id\":\"cg1\"}")).get(0).needsRun())
                .isFalse();
        assertThat(CloudEvent.parse("{\"object\": ".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(CloudEvent.parse("[1, 2]".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }
}
