package dev.roster.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.model.BotId;
import dev.roster.simulator.CloudGroups.Group;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Serves Meta's WhatsApp Cloud API group endpoints under any {@code /vNN.N/} prefix, with the Graph error
 * envelope, cursor paging, asynchronous creation and signed webhooks.
 *
 * <p>Cloud groups live in {@link CloudGroups}, apart from the v1 groups of {@link SimulatorState} (whose bots they
 * share): a group created through this dialect is a cloud group and all its events go out in Meta's webhook
 * envelope; that is the rule deciding the envelope. Group ids are opaque strings {@code cg<digits>}.
 *
 * <p>Faults: a request failed before any effect answers 429 with code 131208; a write whose answer is lost answers
 * 503 with {@code is_transient: true}.
 */
final class CloudApiHandler {
    static final Pattern PREFIX = Pattern.compile("^/v\\d+\\.\\d+/");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_SUBJECT = 128;
    private static final int MAX_DESCRIPTION = 2048;
    private static final int MAX_REMOVE = 8;

    /** A status and a JSON body. */
    record Reply(int status, Object body) {}

    private final SimulatorState state;
    /** The groups; its monitor is held for each whole request. */
    private final CloudGroups store;
    private final CloudSettings settings;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Supplier<URI> webhookUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    CloudApiHandler(SimulatorState state, CloudSettings settings, ScheduledExecutorService scheduler, Clock clock,
            Supplier<URI> webhookUrl) {
        this.state = state;
        this.store = state.cloud();
        this.settings = settings;
        this.scheduler = scheduler;
        this.clock = clock;
        this.webhookUrl = webhookUrl;
    }

    static boolean matches(String path) {
        return PREFIX.matcher(path).find();
    }

    boolean owns(String groupId) {
        return store.owns(groupId);
    }

    static Reply error(int status, int code, String message) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("message", message);
        e.put("type", code == 190 ? "OAuthException" : "GraphMethodException");
        e.put("code", code);
        if (status == 429 || status == 503) {
            e.put("is_transient", true);
        }
        e.put("fbtrace_id", "Sim" + Long.toHexString(System.nanoTime()));
        return new Reply(status, Map.of("error", e));
    }

    /** 429 with code 131208, the group rate limit (an injected fault before any effect answers it too). */
    static Reply tooManyRequests() {
        return error(429, 131208, "Too many group operations, try again later");
    }

    /**
     * The bot a request is for, for the rate limit: {@code {bot}} of {@code {bot}/groups} and {@code {bot}/messages},
     * the bot owning {@code {group}} of the group paths; null when that is no bot the simulator has.
     *
     * @param path the path without its version prefix and trailing slash
     */
    BotId botOf(String path) {
        int slash = path.indexOf('/');
        String first = slash < 0 ? path : path.substring(0, slash);
        String second = slash < 0 ? "" : path.substring(slash + 1);
        if (first.isBlank()) {
            return null;
        }
        if (second.equals("groups") || second.equals("messages")) {
            BotId bot = BotId.of(first);
            return state.hasBot(bot) ? bot : null;
        }
        Group g = store.get(first);
        return g != null && state.hasBot(g.bot) ? g.bot : null;
    }

    private static final class Failure extends RuntimeException {
        final Reply reply;

        Failure(int status, int code, String message) {
            super(message, null, false, false);
            this.reply = error(status, code, message);
        }
    }

    /** The answer to one authorised API request ({@code path} without its version prefix). */
    Reply handle(String method, String path, String query, byte[] body) {
        synchronized (store) {
            try {
                return dispatch(method, path.split("/", -1), query(query), body);
            } catch (Failure f) {
                return f.reply;
            }
        }
    }

    /** True for the endpoints that change something (a lost answer applies only to them). */
    static boolean isWrite(String method) {
        return !method.equals("GET");
    }

    private Reply dispatch(String method, String[] p, Map<String, String> q, byte[] body) {
        if (p.length == 2 && (p[1].equals("groups") || p[1].equals("messages"))) {
            BotId bot = BotId.of(p[0]);
            if (!state.hasBot(bot)) {
                throw new Failure(400, 131215, "Phone number not eligible: unknown phone number id");
            }
            String key = method + " " + p[1];
            switch (key) {
                case "POST groups":
                    return create(bot, parse(body));
                case "GET groups":
                    return list(bot, q);
                case "POST messages":
                    return sendTemplate(bot, parse(body));
                default:
                    break;
            }
        }
        if (p.length == 1 || p.length == 2) {
            Group g = store.get(p[0]);
            if (g == null || !state.hasBot(g.bot)) {
                throw new Failure(400, 131041, "Group does not exist or the business is not a member");
            }
            String key = method + " " + (p.length == 1 ? "" : p[1]);
            if (g.suspended && !method.equals("GET")) {
                throw new Failure(403, 131207, "Group is suspended");
            }
            switch (key) {
                case "GET ":
                    return new Reply(200, fields(g, q.get("fields")));
                case "POST ":
                    return update(g, parse(body));
                case "DELETE ":
                    store.remove(g.id);
                    webhook(g, "group_lifecycle_update", ordered("type", "group_delete", "group_id", g.id,
                            "request_id", "req" + store.nextId()));
                    return ok();
                case "DELETE participants":
                    return removeParticipants(g, parse(body));
                case "GET invite_link":
                    return new Reply(200, ordered("messaging_product", "whatsapp", "invite_link", g.invite));
                case "POST invite_link":
                case "DELETE invite_link":
                    g.invite = store.newInvite();
                    return new Reply(200, ordered("messaging_product", "whatsapp", "invite_link", g.invite));
                case "GET join_requests":
                    return joinRequests(g);
                case "POST join_requests":
                    return decide(g, parse(body), true);
                case "DELETE join_requests":
                    return decide(g, parse(body), false);
                default:
                    break;
            }
        }
        throw new Failure(400, 100, "Unsupported request: " + method);
    }

    private Reply create(BotId bot, JsonNode json) {
        String subject = subject(json, true);
        String description = description(json);
        String mode = json.path("join_approval_mode").asText(CloudGroups.AUTO_APPROVE);
        if (!mode.equals(CloudGroups.AUTO_APPROVE) && !mode.equals(CloudGroups.APPROVAL_REQUIRED)) {
            throw new Failure(400, 100, "Invalid join_approval_mode");
        }
        long n = store.nextId();
        String requestId = "req" + n;
        Group g = new Group("cg" + (CloudGroups.ID_BASE + n), bot, n, clock.instant().getEpochSecond());
        g.subject = subject;
        g.description = description;
        g.joinMode = mode;
        g.invite = store.newInvite();
        store.addPending(g);
        Runnable appear = () -> {
            synchronized (store) {
                if (!store.appear(g.id)) {
                    return;
                }
                webhook(g, "group_lifecycle_update", ordered("type", "group_create", "request_id", requestId,
                        "group_id", g.id, "subject", subject, "invite_link", g.invite, "join_approval_mode", mode));
            }
        };
        if (settings.createDelayMillis() == 0) {
            appear.run();
        } else {
            scheduler.schedule(appear, settings.createDelayMillis(), TimeUnit.MILLISECONDS);
        }
        return new Reply(200, ordered("messaging_product", "whatsapp", "request_id", requestId));
    }

    private Reply list(BotId bot, Map<String, String> q) {
        int limit = 25;
        if (q.containsKey("limit")) {
            try {
                limit = Integer.parseInt(q.get("limit"));
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > 1024) {
                throw new Failure(400, 100, "limit must be between 1 and 1024");
            }
        }
        TreeMap<Long, Group> mine = new TreeMap<>();
        store.all().stream().filter(g -> g.bot.equals(bot)).forEach(g -> mine.put(g.seq, g));
        List<Group> page;
        if (q.containsKey("after")) {
            long after = cursor(q.get("after"));
            page = mine.tailMap(after, false).values().stream().limit(limit).toList();
        } else if (q.containsKey("before")) {
            long before = cursor(q.get("before"));
            List<Group> head = new ArrayList<>(mine.headMap(before, false).values());
            page = head.subList(Math.max(0, head.size() - limit), head.size());
        } else {
            page = mine.values().stream().limit(limit).toList();
        }
        List<Object> out = page.stream().map(g -> (Object) ordered("id", g.id, "subject", g.subject,
                "created_at", g.created)).toList();
        Map<String, Object> paging = new LinkedHashMap<>();
        if (!page.isEmpty()) {
            long first = page.get(0).seq;
            long last = page.get(page.size() - 1).seq;
            paging.put("cursors", ordered("before", encode(first), "after", encode(last)));
            if (mine.higherKey(last) != null) {
                paging.put("next", "?limit=" + limit + "&after=" + encode(last));
            }
            if (mine.lowerKey(first) != null) {
                paging.put("previous", "?limit=" + limit + "&before=" + encode(first));
            }
        }
        return new Reply(200, ordered("data", Map.of("groups", out), "paging", paging));
    }

    private Map<String, Object> fields(Group g, String fields) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", g.id);
        if (fields == null || fields.isBlank()) {
            return out;
        }
        for (String f : fields.split(",")) {
            switch (f.trim()) {
                case "subject" -> out.put("subject", g.subject);
                case "description" -> out.put("description", g.description);
                case "participants" -> out.put("participants",
                        g.participants.stream().map(w -> Map.of("wa_id", w)).toList());
                case "total_participant_count" -> out.put("total_participant_count", g.participants.size());
                case "join_approval_mode" -> out.put("join_approval_mode", g.joinMode);
                case "suspended" -> out.put("suspended", g.suspended);
                case "creation_timestamp" -> out.put("creation_timestamp", g.created);
                case "invite_link" -> out.put("invite_link", g.invite);
                default -> { }
            }
        }
        return out;
    }

    private Reply update(Group g, JsonNode json) {
        Map<String, Object> event = ordered("type", "group_settings_update", "group_id", g.id);
        if (json.has("subject")) {
            g.subject = subject(json, true);
            event.put("group_subject", ordered("text", g.subject, "update_successful", true));
        }
        if (json.has("description")) {
            g.description = description(json);
            event.put("group_description", ordered("text", g.description, "update_successful", true));
        }
        webhook(g, "group_settings_update", event);
        return ok();
    }

    private Reply removeParticipants(Group g, JsonNode json) {
        JsonNode list = json.get("participants");
        if (list == null || !list.isArray() || list.isEmpty() || list.size() > MAX_REMOVE) {
            throw new Failure(400, 100, "participants must hold 1 to " + MAX_REMOVE + " entries");
        }
        List<Object> removed = new ArrayList<>();
        List<Object> failed = new ArrayList<>();
        for (JsonNode entry : list) {
            String wa = waId(entry.isTextual() ? entry.asText() : entry.path("user").asText(""));
            if (g.participants.remove(wa)) {
                g.barred.add(wa);
                removed.add(wa);
            } else {
                failed.add(ordered("user", wa, "errors", List.of(errorObject(131212, "Participant not in group"))));
            }
        }
        if (removed.isEmpty()) {
            throw new Failure(400, 131212, "Participant not in group");
        }
        webhook(g, "group_participants_update", ordered("type", "group_participants_remove", "group_id", g.id,
                "removed_participants", removed.stream().map(w -> Map.of("wa_id", w)).toList(),
                "failed_participants", failed, "initiated_by", "business"));
        if (failed.isEmpty()) {
            return ok();
        }
        Map<String, Object> partial = ordered("removed_participants", removed, "failed_participants", failed,
                "errors", List.of(errorObject(131201, "Partially succeeded")));
        return new Reply(206, partial);
    }

    private Reply joinRequests(Group g) {
        List<Object> data = g.requests.entrySet().stream().map(e -> (Object) ordered("join_request_id", e.getKey(),
                "wa_id", e.getValue().waId(), "creation_timestamp", e.getValue().created())).toList();
        return new Reply(200, ordered("data", data, "paging", Map.of()));
    }

    private Reply decide(Group g, JsonNode json, boolean approve) {
        JsonNode list = json.get("join_requests");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new Failure(400, 100, "join_requests can not be empty");
        }
        List<Object> done = new ArrayList<>();
        List<Object> failed = new ArrayList<>();
        List<Object> added = new ArrayList<>();
        for (JsonNode n : list) {
            String id = n.isTextual() ? n.asText() : n.path("join_request_id").asText("");
            CloudGroups.JoinRequest request = g.requests.get(id);
            if (request == null) {
                failed.add(ordered("join_request_id", id,
                        "errors", List.of(errorObject(131213, "Join request does not exist"))));
            } else if (approve && g.participants.size() >= settings.maxParticipants()) {
                failed.add(ordered("join_request_id", id,
                        "errors", List.of(errorObject(131204, "Participant over limit"))));
            } else {
                g.requests.remove(id);
                done.add(id);
                if (approve) {
                    g.participants.add(request.waId());
                    added.add(Map.of("wa_id", request.waId()));
                }
            }
        }
        if (!added.isEmpty()) {
            webhook(g, "group_participants_update", ordered("type", "group_participants_add", "group_id", g.id,
                    "reason", "invite_link", "added_participants", added));
        }
        Map<String, Object> out = ordered(approve ? "approved_join_requests" : "rejected_join_requests", done,
                "failed_join_requests", failed);
        if (!failed.isEmpty()) {
            out.put("errors", List.of(errorObject(131201, "Partially succeeded")));
        }
        return new Reply(200, out);
    }

    /**
     * {@code POST /{phone-number-id}/messages} with a template message that carries a group id, as the "group invite
     * link" template does: {@code {messaging_product:"whatsapp", to, type:"template", template:{name,
     * language:{code}, components:[{type:"body", parameters:[{type:"group_id", group_id}]}]}}}. The group id is also
     * found in any component, with the parameter type in any case ({@code group_id}, {@code GROUP_ID}, {@code group},
     * {@code group-id}) and the value under {@code group_id}, {@code groupId}, {@code id}, {@code value} or
     * {@code text}; a plain string {@code language} is taken as its code. The group must be visible and the bot's
     * (else 131041) and not suspended (131207). The message is recorded (see {@link #sentMessages}) and answered
     * as Meta does: {@code {messaging_product, contacts:[{input, wa_id}], messages:[{id:"wamid...",
     * message_status:"accepted"}]}}. Other message types are refused with code 100.
     */
    private Reply sendTemplate(BotId bot, JsonNode json) {
        if (!json.path("messaging_product").asText("").equals("whatsapp")) {
            throw new Failure(400, 100, "The parameter messaging_product is required and must be \"whatsapp\"");
        }
        String to = json.path("to").asText("").trim();
        if (to.isEmpty()) {
            throw new Failure(400, 100, "The parameter to is required");
        }
        String waId = waId(to);
        String type = json.path("type").asText("text");
        if (!type.equals("template")) {
            throw new Failure(400, 100, "The simulator sends template messages only, not type " + type);
        }
        JsonNode template = json.path("template");
        String name = template.path("name").asText("").trim();
        if (name.isEmpty()) {
            throw new Failure(400, 100, "The parameter template.name is required");
        }
        JsonNode languageNode = template.path("language");
        String language = (languageNode.isTextual() ? languageNode : languageNode.path("code")).asText("").trim();
        if (language.isEmpty()) {
            throw new Failure(400, 100, "The parameter template.language.code is required");
        }
        String groupId = groupIdParameter(template.path("components"));
        if (groupId == null) {
            throw new Failure(400, 132000,
                    "Number of parameters does not match the expected number of params: a group_id body parameter");
        }
        Group g = store.get(groupId);
        if (g == null || !g.bot.equals(bot)) {
            throw new Failure(400, 131041, "Group does not exist or the business is not a member");
        }
        if (g.suspended) {
            throw new Failure(403, 131207, "Group is suspended");
        }
        String id = "wamid.Sim" + Long.toString(store.nextId(), 36).toUpperCase(java.util.Locale.ROOT);
        store.record(new CloudGroups.Message(id, bot, waId, name, language, g.id, clock.instant()));
        return new Reply(200, ordered("messaging_product", "whatsapp",
                "contacts", List.of(ordered("input", to, "wa_id", waId)),
                "messages", List.of(ordered("id", id, "message_status", "accepted"))));
    }

    private static final Set<String> GROUP_PARAMETER_TYPES = Set.of("group_id", "groupid", "group");
    private static final List<String> GROUP_PARAMETER_KEYS = List.of("group_id", "groupId", "group-id", "id", "value",
            "text");

    /** The first group id among the components' parameters, or null. */
    private static String groupIdParameter(JsonNode components) {
        for (JsonNode component : components) {
            for (JsonNode parameter : component.path("parameters")) {
                String type = parameter.path("type").asText("").trim().toLowerCase(java.util.Locale.ROOT)
                        .replace('-', '_');
                if (!GROUP_PARAMETER_TYPES.contains(type) && !parameter.has("group_id")) {
                    continue;
                }
                for (String key : GROUP_PARAMETER_KEYS) {
                    JsonNode value = parameter.get(key);
                    if (value != null && value.isValueNode() && !value.asText().isBlank()) {
                        return value.asText().trim();
                    }
                }
            }
        }
        return null;
    }

    /**
     * The messages the bot sent, oldest first, as {@code GET /_sim/{bot}/messages} lists them: {@code id, to}
     * (a wa_id), {@code template, language, group_id, time} (ISO-8601).
     */
    List<Map<String, Object>> sentMessages(BotId bot) {
        synchronized (store) {
            return store.messages(bot).stream().map(m -> ordered("id", m.id(), "to", m.to(), "template", m.template(),
                    "language", m.language(), "group_id", m.groupId(), "time", m.sent().toString())).toList();
        }
    }

    /**
     * Test-only actions on a cloud group ({@code /_sim/{bot}/groups/{group}/ACTION}): {@code join_request}
     * and {@code join} {@code {"numbers":[...]}} (by invite link: a request when approval is required, else a
     * join; barred people and joins beyond the limit are refused with 400), {@code leave} {@code {"numbers":[...]}},
     * {@code suspend}, {@code unsuspend}.
     *
     * @return the error reply, or null when it worked; {@link Failure} is not thrown to the caller
     */
    Reply simAction(String action, String groupId, byte[] body) {
        synchronized (store) {
            return simActionLocked(action, store.get(groupId), body);
        }
    }

    private Reply simActionLocked(String action, Group g, byte[] body) {
        try {
            if (g == null) {
                throw new Failure(404, 131041, "Group not found");
            }
            switch (action) {
                case "join", "join_request" -> join(g, numbers(parse(body)));
                case "leave" -> {
                    List<Object> left = new ArrayList<>();
                    for (String wa : numbers(parse(body))) {
                        if (g.participants.remove(wa)) {
                            left.add(Map.of("wa_id", wa));
                        }
                    }
                    if (!left.isEmpty()) {
                        webhook(g, "group_participants_update", ordered("type", "group_participants_remove",
                                "group_id", g.id, "removed_participants", left, "failed_participants", List.of(),
                                "initiated_by", "participant"));
                    }
                }
                case "suspend", "unsuspend" -> {
                    g.suspended = action.equals("suspend");
                    webhook(g, "group_status_update", ordered("type",
                            g.suspended ? "group_suspend" : "group_suspend_cleared", "group_id", g.id));
                }
                default -> throw new Failure(404, 100, "No such action: " + action);
            }
            return null;
        } catch (Failure f) {
            return f.reply;
        }
    }

    private void join(Group g, List<String> numbers) {
        for (String wa : numbers) {
            if (g.barred.contains(wa)) {
                throw new Failure(400, 131203, "Participant was removed and can not join by link: " + wa);
            }
        }
        for (String wa : numbers) {
            if (g.participants.contains(wa)) {
                continue;
            }
            if (g.joinMode.equals(CloudGroups.APPROVAL_REQUIRED)) {
                String id = "jr" + store.nextId();
                g.requests.put(id, new CloudGroups.JoinRequest(wa, clock.instant().getEpochSecond()));
                webhook(g, "group_participants_update", ordered("type", "group_join_request_created",
                        "group_id", g.id, "join_request_id", id, "wa_id", wa));
            } else {
                if (g.participants.size() >= settings.maxParticipants()) {
                    throw new Failure(400, 131204, "Participant over limit");
                }
                g.participants.add(wa);
                webhook(g, "group_participants_update", ordered("type", "group_participants_add",
                        "group_id", g.id, "reason", "invite_link", "added_participants", List.of(Map.of("wa_id", wa))));
            }
        }
    }

    /** Posts one change in Meta's envelope to the callback URL, signed when an app secret is set; fire and forget. */
    private void webhook(Group g, String field, Map<String, Object> group) {
        URI url = webhookUrl.get();
        if (url == null) {
            return;
        }
        Map<String, Object> stamped = ordered("timestamp", String.valueOf(clock.instant().getEpochSecond()));
        stamped.putAll(group); // as Meta's: the same event later is another body
        Map<String, Object> value = ordered("messaging_product", "whatsapp", "metadata",
                ordered("display_phone_number", g.bot.value(), "phone_number_id", g.bot.value()),
                "groups", List.of(stamped));
        Map<String, Object> envelope = ordered("object", "whatsapp_business_account", "entry",
                List.of(ordered("id", g.bot.value(), "changes", List.of(ordered("field", field, "value", value)))));
        byte[] raw;
        try {
            raw = JSON.writeValueAsBytes(envelope);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(raw));
        if (settings.appSecret() != null) {
            request.header("X-Hub-Signature-256", "sha256=" + sign(settings.appSecret(), raw));
        }
        http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding());
    }

    /** Hex HMAC-SHA256 of {@code raw} keyed by {@code secret}. */
    static String sign(String secret, byte[] raw) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(raw));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(long seq) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("g:" + seq).getBytes(StandardCharsets.UTF_8));
    }

    private static long cursor(String value) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
            if (s.startsWith("g:")) {
                return Long.parseLong(s.substring(2));
            }
        } catch (IllegalArgumentException e) {
            // falls through
        }
        throw new Failure(400, 131059, "Invalid or expired cursor");
    }

    private static String subject(JsonNode json, boolean required) {
        String s = json.path("subject").asText("").trim();
        if (required && s.isEmpty()) {
            throw new Failure(400, 100, "subject is required");
        }
        if (s.length() > MAX_SUBJECT) {
            throw new Failure(400, 100, "subject longer than " + MAX_SUBJECT + " characters");
        }
        return s;
    }

    private static String description(JsonNode json) {
        String d = json.path("description").asText("");
        if (d.length() > MAX_DESCRIPTION) {
            throw new Failure(400, 100, "description longer than " + MAX_DESCRIPTION + " characters");
        }
        return d;
    }

    private static List<String> numbers(JsonNode json) {
        JsonNode n = json.get("numbers");
        if (n == null || !n.isArray() || n.isEmpty()) {
            throw new Failure(400, 100, "Field [numbers] can not be empty");
        }
        List<String> out = new ArrayList<>();
        n.forEach(x -> out.add(waId(x.asText())));
        return out;
    }

    /** A phone number or wa_id as digits only. */
    private static String waId(String raw) {
        String digits = raw.replaceAll("[^0-9]", "");
        if (digits.isEmpty()) {
            throw new Failure(400, 100, "Invalid phone number: " + raw);
        }
        return digits;
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode n = body.length == 0 ? null : JSON.readTree(body);
            if (n == null || !n.isObject()) {
                throw new Failure(400, 100, "Request body must be a JSON object");
            }
            return n;
        } catch (java.io.IOException e) {
            throw new Failure(400, 100, "Malformed JSON body");
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    out.put(java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    private static Map<String, Object> errorObject(int code, String message) {
        return ordered("code", code, "title", message, "message", message);
    }

    private static Reply ok() {
        return new Reply(200, Map.of("success", true));
    }

    private static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static boolean tokenMatches(String header, byte[] expected) {
        return header != null && MessageDigest.isEqual(header.trim().getBytes(StandardCharsets.UTF_8), expected);
    }
}
