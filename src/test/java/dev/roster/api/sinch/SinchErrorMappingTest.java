package dev.roster.api.sinch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.roster.api.ApiException;
import dev.roster.api.RetryPolicy;
import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import dev.roster.model.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every error status, in every body style the API (or a proxy before it) uses, becomes a typed, readable error. */
class SinchErrorMappingTest {
    static final BotId BOT = BotId.of("447506616260");
    static final GroupId GROUP = GroupId.of("group:447506616260-1565342732");
    static final String CALL = "PATCH /groups/group:447506616260-1565342732 for bot 447506616260";

    static final Map<Integer, Class<? extends ApiException>> TYPES = Map.ofEntries(
            Map.entry(400, ApiException.BadRequest.class),
            Map.entry(401, ApiException.Unauthorized.class),
            Map.entry(403, ApiException.Forbidden.class),
            Map.entry(404, ApiException.NotFound.class),
            Map.entry(406, ApiException.NotAcceptable.class),
            Map.entry(409, ApiException.Conflict.class),
            Map.entry(429, ApiException.RateLimited.class),
            Map.entry(500, ApiException.ServerError.class),
            Map.entry(502, ApiException.ServerError.class),
            Map.entry(503, ApiException.ServerError.class),
            Map.entry(504, ApiException.ServerError.class));

    /** body style name, content type, body, expected message tail, expected reason. */
    record Style(String name, String contentType, String body, String tail, String reason) {}

    static final List<Style> STYLES = List.of(
            new Style("message+reason", "application/json",
                    "{\"message\":\"Validation error\",\"reason\":\"Field [subject] can not be empty\"}",
                    "Validation error: Field [subject] can not be empty", "Field [subject] can not be empty"),
            new Style("title+reason", "application/json",
                    "{\"title\":\"Unauthorized bot\",\"reason\":\"Token does not match bot\"}",
                    "Unauthorized bot: Token does not match bot", "Token does not match bot"),
            new Style("message+details", "application/json",
                    "{\"message\":\"Validation error\",\"details\":[\"numbers: 1 to 20 entries\",\"subject: too long\"]}",
                    "Validation error: numbers: 1 to 20 entries; subject: too long",
                    "numbers: 1 to 20 entries; subject: too long"),
            new Style("html", "text/html",
                    "<html><head><title>Oops</title><style>p{}</style></head><body><h1>Upstream   failed</h1>"
                            + "<p>try later</p></body></html>",
                    "Upstream failed try later", "Upstream failed try later"),
            new Style("plain text", "text/plain", "upstream connect error", "upstream connect error",
                    "upstream connect error"));

    static Stream<Arguments> statusesAndStyles() {
        List<Arguments> all = new ArrayList<>();
        for (int status : TYPES.keySet()) {
            for (Style style : STYLES) {
                all.add(Arguments.of(status, style));
            }
        }
        return all.stream();
    }

    @StartStop
    final MockWebServer server = new MockWebServer();

    SinchGroupApi api() {
        return SinchGroupApi.create(new SinchOptions(URI.create(server.url("/").toString()),
                bot -> Secret.of("t0ken-never-shown"), Duration.ofSeconds(2), Duration.ofSeconds(5),
                RetryPolicy.none()));
    }

    ApiException failure() {
        return catchThrowableOfType(ApiException.class, () -> api().setSubject(BOT, GROUP, "x"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("statusesAndStyles")
    void errorStatusBecomesTypedExceptionWithReadableMessage(int status, Style style) {
        server.enqueue(new MockResponse.Builder().code(status).addHeader("Content-Type", style.contentType())
                .body(style.body()).build());

        ApiException e = failure();

        assertThat(e).isExactlyInstanceOf(TYPES.get(status));
        assertThat(e.status()).isEqualTo(status);
        assertThat(e.reason()).isEqualTo(style.reason());
        assertThat(e.getMessage()).isEqualTo(CALL + ": " + status + " " + style.tail());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("statuses")
    void emptyErrorBodyYieldsTheStatusPhrase(int status) {
        server.enqueue(new MockResponse.Builder().code(status).build());

        ApiException e = failure();

        assertThat(e).isExactlyInstanceOf(TYPES.get(status));
        assertThat(e.reason()).isNull();
        assertThat(e.getMessage()).startsWith(CALL + ": " + status + " ").doesNotEndWith(" ");
    }

    static Stream<Integer> statuses() {
        return TYPES.keySet().stream().sorted();
    }

    @Test
    void bareStatusNumberAsMessageIsNotRepeated() {
        server.enqueue(new MockResponse.Builder().code(401)
                .body("{\"message\":\"401\",\"reason\":\"Unauthorized bot\"}").build());

        ApiException e = failure();

        assertThat(e.getMessage()).isEqualTo(CALL + ": 401 Unauthorized bot");
        assertThat(e.reason()).isEqualTo("Unauthorized bot");
    }

    @Test
    void messageWithoutReasonIsTheReason() {
        server.enqueue(new MockResponse.Builder().code(409).body("{\"message\":\"Group busy\"}").build());

        ApiException e = failure();

        assertThat(e.getMessage()).isEqualTo(CALL + ": 409 Group busy");
        assertThat(e.reason()).isEqualTo("Group busy");
    }

    @Test
    void rateLimitedCarriesRetryAfter() {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "7").build());

        ApiException e = failure();

        assertThat(e).isInstanceOf(ApiException.RateLimited.class);
        assertThat(((ApiException.RateLimited) e).retryAfterMillis()).isEqualTo(7000);
        assertThat(e.isTransient()).isTrue();
    }

    @Test
    void onlyGatewayAndUnavailableServerErrorsAreTransient() {
        for (int status : List.of(500, 502, 503, 504)) {
            server.enqueue(new MockResponse.Builder().code(status).build());
            assertThat(failure().isTransient()).as("%d transient", status).isEqualTo(status != 500);
        }
    }

    @Test
    void unknownStatusIsUnexpected() {
        server.enqueue(new MockResponse.Builder().code(418).body("{\"message\":\"teapot\"}").build());

        ApiException e = failure();

        assertThat(e).isExactlyInstanceOf(ApiException.Unexpected.class);
        assertThat(e.getMessage()).isEqualTo(CALL + ": 418 teapot");
    }
}
