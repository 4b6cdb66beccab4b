package dev.roster.api.sinch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.api.RetryPolicy;
import dev.roster.model.Secret;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The small pure parts of the adapter: headers, paths, error bodies, times. */
class SinchEdgePartsTest {
    static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void colonsAreUnescapedInThePathOnly() {
        assertThat(ColonKeepingClient.keepColons("http://127.0.0.1:8080/whatsapp/v1/1/groups/group%3A1-2?x=a%3Ab"))
                .isEqualTo("http://127.0.0.1:8080/whatsapp/v1/1/groups/group:1-2?x=a%3Ab");
        assertThat(ColonKeepingClient.keepColons("http://h/a/group%253A1")).isEqualTo("http://h/a/group%253A1");
        assertThat(ColonKeepingClient.keepColons("http://h")).isEqualTo("http://h");
    }

    @Test
    void callDescriptionNamesVerbPathBelowTheBotAndTheBot() {
        assertThat(CallDescription.of("GET", "https://eu1.example/whatsapp/v1/4670000/groups/group:4670000-1/invite"))
                .isEqualTo("GET /groups/group:4670000-1/invite for bot 4670000");
        assertThat(CallDescription.of("POST", "http://h:1/proxy/whatsapp/v1/4670000/groups"))
                .isEqualTo("POST /groups for bot 4670000");
        assertThat(CallDescription.botOf("/whatsapp/v1/4670000/groups")).isEqualTo("4670000");
        assertThat(CallDescription.botOf("/elsewhere")).isNull();
    }

    @Test
    void errorBodyReadsEachStyle() {
        assertThat(parse(400, "{\"message\":\"Validation error\",\"reason\":\"Field [to] can not be empty.\"}"))
                .isEqualTo(new ErrorBody("Validation error", "Field [to] can not be empty."));
        assertThat(parse(401, "{\"title\":\"401\",\"reason\":\"Unauthorized bot\"}"))
                .isEqualTo(new ErrorBody(null, "Unauthorized bot"));
        assertThat(parse(400, "{\"message\":\"Bad\",\"details\":{\"numbers\":\"too many\"}}"))
                .isEqualTo(new ErrorBody("Bad", "numbers: too many"));
        assertThat(parse(502, "<html><head><title>x</title></head><body><b>Bad</b>\n gateway</body></html>"))
                .isEqualTo(new ErrorBody(null, "Bad gateway"));
        assertThat(parse(503, "")).isEqualTo(new ErrorBody(null, null));
        assertThat(parse(503, "[1,2]").reason()).isEqualTo("[1,2]");
        assertThat(parse(500, "x".repeat(1000)).reason()).hasSize(203);
    }

    @Test
    void optionsRejectANonHttpBaseUrl() {
        assertThatThrownBy(() -> new SinchOptions(URI.create("ftp://x"), b -> Secret.of("t"), Duration.ofSeconds(1),
                Duration.ofSeconds(1), RetryPolicy.DEFAULT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SinchOptions(URI.create("relative/path"), b -> Secret.of("t"),
                Duration.ofSeconds(1), Duration.ofSeconds(1), RetryPolicy.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static ErrorBody parse(int status, String body) {
        return ErrorBody.parse(MAPPER, status, body.getBytes(StandardCharsets.UTF_8));
    }
}
