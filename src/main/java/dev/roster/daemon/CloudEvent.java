package dev.roster.daemon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One group event of Meta's Cloud API webhooks ({@code shared/reference/cloud-api-groups.md}, Webhooks): the
 * envelope {@code {object: "whatsapp_business_account", entry: [{changes: [{field, value: {metadata:
 * {phone_number_id}, groups: [...]}}]}]}}, the bot being {@code metadata.phone_number_id}. Like the v1 provider's
 * events it says that something happened, not what the group now is: it starts a run that reads the group.
 *
 * @param group     the group it names, or null (a failed create may name none)
 * @param type      the event's type, with the OpenAPI file's spellings turned into the reference's
 *                  ({@code group_add_participants} is {@code group_participants_add}, ...)
 * @param requestId the request id of a {@code group_create} or {@code group_delete}, or null
 * @param failure   the provider's error message when the event reports a failure ({@code errors}), or null
 * @param byTheBusiness a {@code group_participants_remove} with {@code initiated_by: business}: only the business
 *                  removes people, and roster is the business's writer
 */
record CloudEvent(BotId bot, GroupId group, String type, String requestId, String failure, boolean byTheBusiness) {
    /** Accepts Meta's own samples: trailing commas, single quotes, comments, bare names. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA, JsonReadFeature.ALLOW_SINGLE_QUOTES,
                    JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES, JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .build();
    /** A value ending a line and a member name starting the next with no comma between (Meta's samples). */
    private static final Pattern MISSING_COMMA =
            Pattern.compile("(\"|\\d|true|false|null|\\}|\\])([ \\t]*\\r?\\n\\s*)(?=\")");
    private static final Map<String, String> SPELLINGS = Map.of(
            "group_add_participants", "group_participants_add",
            "group_remove_participants", "group_participants_remove");

    static final String CREATE = "group_create";
    static final String DELETE = "group_delete";
    static final String SUSPEND = "group_suspend";
    static final String SUSPEND_CLEARED = "group_suspend_cleared";
    static final String PARTICIPANTS_ADD = "group_participants_add";
    static final String PARTICIPANTS_REMOVE = "group_participants_remove";

    /** Whether the event can change what roster manages: participants, join requests, settings, the group itself. */
    boolean needsRun() {
        return switch (type) {
            case CREATE, DELETE, SUSPEND, SUSPEND_CLEARED, PARTICIPANTS_ADD, PARTICIPANTS_REMOVE,
                    "group_join_request_created", "group_join_request_revoked", "group_settings_update" -> true;
            default -> false;
        };
    }

    /** A create or delete: the bot's list of groups changed, so the whole bot runs. */
    boolean changesTheList() {
        return type.equals(CREATE) || type.equals(DELETE);
    }

    /**
     * The group events of one webhook body. Empty when the body is JSON of another shape (another object, other
     * fields); {@link Optional#empty()} when it is not JSON even read leniently.
     */
    static Optional<List<CloudEvent>> parse(byte[] body) {
        Optional<JsonNode> root = read(new String(body, StandardCharsets.UTF_8));
        if (root.isEmpty() || !root.get().isObject()) {
            return Optional.empty();
        }
        List<CloudEvent> events = new ArrayList<>();
        if (!"whatsapp_business_account".equals(root.get().path("object").asText())) {
            return Optional.of(events);
        }
        for (JsonNode entry : root.get().path("entry")) {
            for (JsonNode change : entry.path("changes")) {
                JsonNode value = change.path("value");
                Optional<BotId> bot = bot(value.path("metadata").path("phone_number_id").asText(""));
                if (bot.isEmpty()) {
                    continue;
                }
                for (JsonNode g : value.path("groups")) {
                    String type = g.path("type").asText("");
                    type = SPELLINGS.getOrDefault(type, type);
                    if (type.isEmpty()) {
                        continue;
                    }
                    // Meta's samples put initiated_by beside the group's object as well as in it
                    String initiatedBy = g.path("initiated_by").asText(value.path("initiated_by").asText(""));
                    String request = g.path("request_id").asText("");
                    events.add(new CloudEvent(bot.get(), group(g.path("group_id").asText("")), type,
                            request.isEmpty() ? null : request, failure(g.path("errors")),
                            type.equals(PARTICIPANTS_REMOVE) && initiatedBy.equals("business")));
                }
            }
        }
        return Optional.of(events);
    }

    private static Optional<JsonNode> read(String text) {
        try {
            return Optional.ofNullable(JSON.readTree(text));
        } catch (JsonProcessingException e) {
            try {
                return Optional.ofNullable(JSON.readTree(MISSING_COMMA.matcher(text).replaceAll("$1,$2")));
            } catch (JsonProcessingException again) {
                return Optional.empty();
            }
        }
    }

    /** The first error's message (or title, or code); null when there is no error. */
    private static String failure(JsonNode errors) {
        if (!errors.isArray() || errors.isEmpty()) {
            return null;
        }
        JsonNode first = errors.get(0);
        for (String field : new String[] {"message", "title", "code"}) {
            String text = first.path(field).asText("");
            if (!text.isBlank()) {
                String details = first.path("error_data").path("details").asText("");
                return details.isBlank() || details.equals(text) ? text : text + ": " + details;
            }
        }
        return "error without a message";
    }

    private static Optional<BotId> bot(String text) {
        return text.isBlank() ? Optional.empty() : Optional.of(BotId.of(text));
    }

    private static GroupId group(String text) {
        return text.isBlank() ? null : GroupId.of(text);
    }
}
