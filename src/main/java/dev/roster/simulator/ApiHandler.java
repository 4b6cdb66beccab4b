package dev.roster.simulator;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import dev.roster.model.LiveGroup;
import dev.roster.model.Msisdn;
import dev.roster.simulator.GroupEvent.Type;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the v1 group API and the test-only {@code /_sim/} endpoints over the simulator's state.
 *
 * <p>Per API request, in this order: count it; refuse it above the rate limit (429 with {@code Retry-After}, no
 * effect, see {@link RateLimit}); inject a 503 before any effect ({@code failRate}); check
 * the bearer token and the bot (401); read and validate the body (400); apply it to the state (400/404);
 * for a write that took effect, count it, persist, and maybe lose the answer ({@code failAfterRate}, 503).
 * Every answer, errors included, is sent {@code latencyMillis} later from a scheduler, so latency costs
 * no handler thread and does not cap throughput.
 *
 * <p>Each change that took effect, through the API or a test-only endpoint, is handed to the
 * {@link CallbackSender} as the provider's group event (when a callback URL is set); the answer does not wait
 * for its delivery.
 */
final class ApiHandler implements HttpHandler {
    static final int MAX_NUMBERS = 20;

    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter CREATION_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final byte[] UNAVAILABLE = errorBody("503", "Internal service not available, request could not be handled");
    private static final byte[] UNAUTHORIZED = errorBody("401", "Unauthorized bot");
    private static final byte[] TOO_MANY_REQUESTS = errorBody("429", "Too many requests");

    private final SimulatorState state;
    /** The last answer per bot and group, with the snapshot it was written from. */
    private final Map<List<Object>, Map.Entry<LiveGroup, Answer>> groupAnswers = new ConcurrentHashMap<>();
    private final byte[] expectedAuthorization;
    private final FaultInjector faults;
    private final RateLimiter rateLimiter;
    private final long latencyMillis;
    private final ScheduledExecutorService scheduler;
    private final Runnable afterWrite;
    private final Clock clock;
    private final CallbackSender callbacks;
    private final CloudApiHandler cloud;

    ApiHandler(SimulatorState state, SimulatorConfig config, ScheduledExecutorService scheduler, Runnable afterWrite,
            Clock clock, CallbackSender callbacks, Supplier<URI> cloudWebhooks) {
        this.state = state;
        this.expectedAuthorization = ("Bearer " + config.token()).getBytes(StandardCharsets.UTF_8);
        this.faults = new FaultInjector(config.failRate(), config.failAfterRate(), config.seed());
        this.rateLimiter = new RateLimiter(config.rateLimit());
        this.latencyMillis = config.latencyMillis();
        this.scheduler = scheduler;
        this.afterWrite = afterWrite;
        this.clock = clock;
        this.callbacks = callbacks;
        this.cloud = new CloudApiHandler(state, config.cloud(), scheduler, clock, cloudWebhooks);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        Answer answer;
        try {
            if (path.startsWith("/_sim/")) {
                send(exchange, testEndpoint(method, path, body));
                return;
            }
            answer = CloudApiHandler.matches(path) ? cloudApi(exchange, method, path, body)
                    : api(exchange, method, path, body);
        } catch (RuntimeException e) {
            LOG.warn("simulator failed on {} {}", method, path, e);
            answer = Answer.error(500, "500", "Simulator error");
        }
        if (latencyMillis > 0) {
            Answer delayed = answer;
            try {
                scheduler.schedule(() -> send(exchange, delayed), latencyMillis, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                exchange.close();
            }
        } else {
            send(exchange, answer);
        }
    }

    private Answer api(HttpExchange exchange, String method, String path, byte[] body) {
        ApiRoute route = ApiRoute.match(method, path);
        long now = clock.millis();
        state.stats().recordRequest(route == null ? "UNMATCHED" : route.endpoint(), now);
        long retryAfter = rateLimiter.acquire(route == null ? null : knownBot(route.bot()), now);
        if (retryAfter > 0) {
            state.stats().recordRateLimited(now);
            return new Answer(429, TOO_MANY_REQUESTS, retryAfter);
        }
        if (route == null) {
            return Answer.error(404, "404", "No such endpoint: " + method + " " + path);
        }
        if (faults.failBefore()) {
            state.stats().recordFault();
            return new Answer(503, UNAVAILABLE);
        }
        if (!authorized(exchange) || !state.hasBot(route.bot())) {
            return new Answer(401, UNAUTHORIZED);
        }
        Answer answer;
        try {
            answer = dispatch(route, body);
        } catch (SimulatorRejection e) {
            return Answer.error(e.status(), e.status() == 400 ? "Validation error" : String.valueOf(e.status()),
                    e.getMessage());
        }
        if (route.write()) {
            state.stats().recordWrite();
            afterWrite.run();
            if (faults.failAfter()) {
                state.stats().recordFault();
                return new Answer(503, UNAVAILABLE);
            }
        }
        return answer;
    }

    /**
     * A Cloud API request: counted under {@code "CLOUD <method>"}; above the rate limit, or on a fault before any
     * effect, answers 429 with code 131208 (the rate limit with {@code Retry-After}), a lost answer 503 with
     * {@code is_transient}; a bad token 401 with code 190. A write that took effect (an answer below 300) is
     * persisted like a v1 write.
     */
    private Answer cloudApi(HttpExchange exchange, String method, String path, byte[] body) {
        long now = clock.millis();
        state.stats().recordRequest("CLOUD " + method, now);
        String rest = path.replaceFirst(CloudApiHandler.PREFIX.pattern(), "");
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        long retryAfter = rateLimiter.acquire(cloud.botOf(rest), now);
        if (retryAfter > 0) {
            state.stats().recordRateLimited(now);
            return new Answer(429, cloudAnswer(CloudApiHandler.tooManyRequests()).body(), retryAfter);
        }
        if (faults.failBefore()) {
            state.stats().recordFault();
            return cloudAnswer(CloudApiHandler.tooManyRequests());
        }
        if (!authorized(exchange)) {
            return cloudAnswer(CloudApiHandler.error(401, 190, "Invalid OAuth access token"));
        }
        CloudApiHandler.Reply reply = cloud.handle(method, rest, exchange.getRequestURI().getRawQuery(), body);
        if (CloudApiHandler.isWrite(method) && reply.status() < 300) {
            state.stats().recordWrite();
            afterWrite.run();
            if (faults.failAfter()) {
                state.stats().recordFault();
                return cloudAnswer(CloudApiHandler.error(503, 2, "Service temporarily unavailable"));
            }
        }
        return cloudAnswer(reply);
    }

    /** The bot when the simulator has it; null otherwise (unknown bots share one rate limit window). */
    private BotId knownBot(BotId bot) {
        return state.hasBot(bot) ? bot : null;
    }

    private static Answer cloudAnswer(CloudApiHandler.Reply reply) {
        Answer json = Answer.json(reply.body());
        return new Answer(reply.status(), json.body());
    }

    private Answer dispatch(ApiRoute route, byte[] body) {
        BotId bot = route.bot();
        GroupId group = route.group();
        Msisdn self = route.write() ? botNumber(bot) : null; // reads work for a bot id that is not a number
        switch (route.endpoint()) {
            case "POST /groups": {
                GroupId created = state.createGroup(bot, subject(body));
                callbacks.emit(Type.GROUP_CREATED, bot, created, self, List.of(self));
                return Answer.json(Map.of("group_id", created.value()));
            }
            case "GET /groups":
                return Answer.json(Map.of("groups", state.groupIds(bot).stream().map(GroupId::value).toList()));
            case "GET /groups/{id}":
                return groupAnswer(bot, state.group(bot, group)
                        .orElseThrow(() -> SimulatorRejection.notFound("Group not found")));
            case "PATCH /groups/{id}":
                state.setSubject(bot, group, subject(body));
                callbacks.emit(Type.GROUP_SUBJECT_CHANGED, bot, group, self, List.of(self));
                return Answer.EMPTY;
            case "DELETE /groups/{id}":
                state.leave(bot, group);
                groupAnswers.remove(List.of(bot, group));
                callbacks.emit(Type.GROUP_USER_LEFT, bot, group, self, List.of(self));
                return Answer.EMPTY;
            case "DELETE /groups/{id}/member":
                emitIfAny(Type.GROUP_USER_LEFT, bot, group, self, state.remove(bot, group, numbers(body, true)));
                return Answer.EMPTY;
            case "POST /groups/{id}/admin":
                emitIfAny(Type.GROUP_USER_PROMOTED, bot, group, self, state.promote(bot, group, numbers(body, true)));
                return Answer.EMPTY;
            case "DELETE /groups/{id}/admin":
                emitIfAny(Type.GROUP_USER_DEMOTED, bot, group, self, state.demote(bot, group, numbers(body, true)));
                return Answer.EMPTY;
            case "GET /groups/{id}/invite":
                return Answer.json(Map.of("invite_link", state.inviteLink(bot, group)));
            case "DELETE /groups/{id}/invite":
                state.revokeInvite(bot, group);
                callbacks.emit(Type.GROUP_INVITE_LINK_REVOKED, bot, group, self, List.of(self));
                return Answer.EMPTY;
            default:
                throw new IllegalStateException("unrouted endpoint " + route.endpoint());
        }
    }

    /**
     * {@code POST /_sim/{bot}/groups/{group}/{join|leave|subject|end}} (see {@link #humanAction}),
     * {@code PUT /_sim/callback}, {@code PUT /_sim/{bot}} (adds a bot), {@code GET /_sim/{bot}/messages} (the Cloud
     * API messages the bot sent), {@code GET /_sim/stats},
     * {@code POST /_sim/stats/reset}. No token, no faults, no latency, not counted.
     */
    private Answer testEndpoint(String method, String path, byte[] body) {
        String[] parts = path.substring("/_sim/".length()).split("/", -1);
        try {
            if (parts.length == 1 && parts[0].equals("stats") && method.equals("GET")) {
                return Answer.json(state.stats().toJson());
            }
            if (parts.length == 2 && parts[0].equals("stats") && parts[1].equals("reset") && method.equals("POST")) {
                state.stats().reset();
                return Answer.EMPTY;
            }
            if (parts.length == 1 && parts[0].equals("callback") && method.equals("PUT")) {
                callbacks.setUrl(callbackUrl(body));
                return Answer.EMPTY;
            }
            if (parts.length == 1 && method.equals("PUT") && ApiRoute.decode(parts[0]) != null) {
                state.addBot(botId(ApiRoute.decode(parts[0])));
                afterWrite.run();
                return Answer.EMPTY;
            }
            if (parts.length == 2 && parts[1].equals("messages") && method.equals("GET")
                    && ApiRoute.decode(parts[0]) != null) {
                BotId bot = botId(ApiRoute.decode(parts[0]));
                if (!state.hasBot(bot)) {
                    throw SimulatorRejection.notFound("Unknown bot");
                }
                return Answer.json(Map.of("messages", cloud.sentMessages(bot)));
            }
            if (parts.length == 4 && parts[1].equals("groups") && method.equals("POST")) {
                String bot = ApiRoute.decode(parts[0]);
                String group = ApiRoute.decode(parts[2]);
                if (group != null && cloud.owns(group)) {
                    CloudApiHandler.Reply failed = cloud.simAction(parts[3], group, body);
                    if (failed != null) {
                        return cloudAnswer(failed);
                    }
                    afterWrite.run();
                    return Answer.EMPTY;
                }
                if (bot != null && group != null && !bot.isBlank() && !group.isBlank()
                        && humanAction(parts[3], botId(bot), GroupId.of(group), body)) {
                    afterWrite.run();
                    return Answer.EMPTY;
                }
            }
        } catch (SimulatorRejection e) {
            return Answer.error(e.status(), e.status() == 400 ? "Validation error" : String.valueOf(e.status()),
                    e.getMessage());
        }
        return Answer.error(404, "404", "No such endpoint: " + method + " " + path);
    }

    /** Who renames a group in which the bot is alone. */
    private static final Msisdn SOMEONE = Msisdn.parse("+46700000099");

    /**
     * What people do in the WhatsApp app, each reported as the provider would: {@code join}
     * {@code {"numbers":[...]}} (via the invite link; one {@code group_user_joined} per person), {@code leave}
     * {@code {"numbers":[...]}} (one {@code group_user_left} per person), {@code subject}
     * {@code {"subject":"...", "from":"<number>"}} (a rename by {@code from}, by default a participant other than
     * the bot: people rename groups, the bot's renames come through the API) and
     * {@code end} (the group ends and disappears from the bot's list: {@code group_ended} from the creator).
     *
     * @return false when {@code action} is none of these
     */
    private boolean humanAction(String action, BotId bot, GroupId group, byte[] body) {
        switch (action) {
            case "join":
                for (Msisdn n : state.join(bot, group, numbers(body, false))) {
                    callbacks.emit(Type.GROUP_USER_JOINED, bot, group, n, List.of(n));
                }
                return true;
            case "leave":
                for (Msisdn n : state.depart(bot, group, numbers(body, false))) {
                    callbacks.emit(Type.GROUP_USER_LEFT, bot, group, n, List.of(n));
                }
                return true;
            case "subject": {
                JsonNode json = parse(body);
                String subject = subject(json);
                if (subject.isBlank()) {
                    throw SimulatorRejection.validation("Field [subject] can not be empty");
                }
                Msisdn from = json.hasNonNull("from") ? number("from", json.get("from")) : someone(bot, group);
                state.setSubjectDirect(bot, group, subject);
                callbacks.emit(Type.GROUP_SUBJECT_CHANGED, bot, group, from, List.of(from));
                return true;
            }
            case "end": {
                Msisdn creator = creator(bot, group);
                state.end(bot, group);
                groupAnswers.remove(List.of(bot, group));
                callbacks.emit(Type.GROUP_ENDED, bot, group, creator, List.of(creator));
                return true;
            }
            default:
                return false;
        }
    }

    private void emitIfAny(Type type, BotId bot, GroupId group, Msisdn from, List<Msisdn> members) {
        if (!members.isEmpty()) {
            callbacks.emit(type, bot, group, from, members);
        }
    }

    /** A participant other than the creator (the bot), or a made-up person when the bot is alone. */
    private Msisdn someone(BotId bot, GroupId group) {
        Msisdn creator = creator(bot, group);
        var g = state.group(bot, group).orElseThrow();
        return java.util.stream.Stream.concat(g.admins().stream(), g.members().stream())
                .filter(n -> !n.equals(creator)).findFirst().orElse(SOMEONE);
    }

    private Msisdn creator(BotId bot, GroupId group) {
        return state.group(bot, group).orElseThrow(() -> SimulatorRejection.notFound("Group not found")).creator();
    }

    /** {@code {"url":"http://127.0.0.1:PORT/path?query"}}; null or "" for none. Loopback only. */
    private static URI callbackUrl(byte[] body) {
        JsonNode json = parse(body);
        if (!json.has("url")) {
            throw SimulatorRejection.validation("Field [url] is required (null stops the callbacks)");
        }
        JsonNode url = json.get("url");
        if (url.isNull() || (url.isTextual() && url.asText().isBlank())) {
            return null;
        }
        if (!url.isTextual()) {
            throw SimulatorRejection.validation("Field [url] must be a string");
        }
        try {
            return CallbackUrl.parseLoopback(url.asText());
        } catch (IllegalArgumentException e) {
            throw SimulatorRejection.validation(e.getMessage());
        }
    }

    private static Msisdn botNumber(BotId bot) {
        return Msisdn.parse(bot.value());
    }

    private boolean authorized(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        return header != null
                && MessageDigest.isEqual(header.trim().getBytes(StandardCharsets.UTF_8), expectedAuthorization);
    }

    private static BotId botId(String raw) {
        return BotId.of(raw.startsWith("+") ? raw.substring(1) : raw);
    }

    private static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            throw SimulatorRejection.validation("Request body can not be empty");
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw SimulatorRejection.validation("Request body must be a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw SimulatorRejection.validation("Malformed JSON body");
        } catch (IOException e) {
            throw SimulatorRejection.validation("Unreadable body");
        }
    }

    private static String subject(byte[] body) {
        return subject(parse(body));
    }

    private static String subject(JsonNode json) {
        JsonNode subject = json.get("subject");
        if (subject == null || subject.isNull() || !subject.isTextual()) {
            throw SimulatorRejection.validation("Field [subject] can not be empty");
        }
        return subject.asText();
    }

    private static List<Msisdn> numbers(byte[] body, boolean limited) {
        JsonNode numbers = parse(body).get("numbers");
        if (numbers == null || !numbers.isArray() || numbers.isEmpty()) {
            throw SimulatorRejection.validation("Field [numbers] can not be empty");
        }
        if (limited && numbers.size() > MAX_NUMBERS) {
            throw SimulatorRejection.validation("Field [numbers] can not hold more than " + MAX_NUMBERS + " entries");
        }
        List<Msisdn> parsed = new ArrayList<>(numbers.size());
        for (JsonNode n : numbers) {
            parsed.add(number("numbers", n));
        }
        return parsed;
    }

    private static Msisdn number(String field, JsonNode n) {
        if (!n.isTextual() && !n.isIntegralNumber()) {
            throw SimulatorRejection.validation("Field [" + field + "] must hold phone numbers");
        }
        try {
            return Msisdn.parse(n.asText());
        } catch (IllegalArgumentException e) {
            throw SimulatorRejection.validation("Invalid phone number: " + n.asText());
        }
    }

    /** A group's answer, written once per snapshot: the state hands out the same snapshot until the group changes. */
    private Answer groupAnswer(BotId bot, LiveGroup g) {
        List<Object> key = List.of(bot, g.id()); // each bot in a group has its own view of it
        Map.Entry<LiveGroup, Answer> cached = groupAnswers.get(key);
        if (cached != null && cached.getKey() == g) {
            return cached.getValue();
        }
        Answer answer = Answer.json(groupJson(g, state.creationTime(bot, g.id())));
        groupAnswers.put(key, Map.entry(g, answer));
        return answer;
    }

    private static Map<String, Object> groupJson(LiveGroup g, Instant created) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("admins", g.admins().stream().map(Msisdn::digits).toList());
        json.put("creator", g.creator().digits());
        json.put("members", g.members().stream().map(Msisdn::digits).toList());
        json.put("subject", g.subject());
        json.put("creation_time", CREATION_TIME.format(created));
        return json;
    }

    private static void send(HttpExchange exchange, Answer answer) {
        try (exchange) {
            if (answer.body().length > 0) {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
            }
            if (answer.retryAfterSeconds() > 0) {
                exchange.getResponseHeaders().set("Retry-After", Long.toString(answer.retryAfterSeconds()));
            }
            exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
            if (answer.body().length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer.body());
                }
            }
        } catch (IOException clientGone) {
            // the client closed the connection before its answer: nothing to do
        }
    }

    private static byte[] errorBody(String message, String reason) {
        try {
            Map<String, String> body = new LinkedHashMap<>();
            body.put("message", message);
            body.put("reason", reason);
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A status, a (possibly empty) JSON body and, when above 0, a {@code Retry-After} in seconds. */
    private record Answer(int status, byte[] body, long retryAfterSeconds) {
        static final Answer EMPTY = new Answer(200, new byte[0]);

        Answer(int status, byte[] body) {
            this(status, body, 0);
        }

        static Answer json(Object value) {
            try {
                return new Answer(200, JSON.writeValueAsBytes(value));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        static Answer error(int status, String message, String reason) {
            return new Answer(status, errorBody(message, reason));
        }
    }
}
