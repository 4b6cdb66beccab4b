package dev.roster.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One group event of the provider's callbacks ({@code ../shared/reference/sinch-group-callbacks.md}): an event says
 * that something happened to a group, not what the group now is, so it only starts a run that reads the group.
 *
 * @param messageId the provider's id of the notification (a redelivery keeps it), or null
 * @param type      {@code group_user_joined}, {@code group_subject_changed}, ...
 * @param byTheBot  the bot itself caused it ({@code from} is the bot: a call roster made)
 */
record GroupEvent(BotId bot, GroupId group, String type, String messageId, boolean byTheBot) {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Events that change nothing roster manages: no run. */
    private static final Set<String> IRRELEVANT = Set.of("group_description_changed", "group_icon_changed",
            "group_icon_deleted", "group_error_fetching_photo");

    /** Whether the event can change what roster manages (participants, admins, subject, link, the group itself). */
    boolean needsRun() {
        return type.startsWith("group_") && !IRRELEVANT.contains(type);
    }

    boolean ended() {
        return type.equals("group_ended");
    }

    /**
     * The group events of one callback body; other notifications and statuses are left out. Empty when the body
     * is JSON of another shape; {@link Optional#empty()} when it is not JSON at all.
     */
    static Optional<List<GroupEvent>> parse(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (root == null || !root.isObject()) {
            return Optional.empty();
        }
        List<GroupEvent> events = new ArrayList<>();
        for (JsonNode n : root.path("notifications")) {
            JsonNode message = n.path("message");
            if (!"group_event".equals(message.path("type").asText())) {
                continue;
            }
            Optional<BotId> bot = bot(n.path("to").asText(""));
            Optional<GroupId> group = group(n.path("in_group").asText(message.path("in_group").asText("")));
            String type = message.path("event_type").asText("");
            if (bot.isPresent() && group.isPresent() && !type.isEmpty()) {
                String id = n.path("message_id").asText("");
                boolean byTheBot = n.path("from").asText("").replace("+", "").equals(bot.get().value());
                events.add(new GroupEvent(bot.get(), group.get(), type, id.isEmpty() ? null : id, byTheBot));
            }
        }
        return Optional.of(events);
    }

    private static Optional<BotId> bot(String text) {
        try {
            return text.isEmpty() ? Optional.empty() : Optional.of(BotId.of(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<GroupId> group(String text) {
        try {
            return text.isEmpty() ? Optional.empty() : Optional.of(GroupId.of(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
