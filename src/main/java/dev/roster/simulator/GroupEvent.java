package dev.roster.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import dev.roster.model.Msisdn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One group event as the provider reports it to the bot's callback URL: a {@code group_event} notification,
 * alone in a {@code {"type":"whatsapp","notifications":[...]}} envelope (see {@link #callbackJson()}).
 *
 * @param type      what happened
 * @param bot       the bot told about it ({@code to})
 * @param from      who caused it (the bot for its own API calls)
 * @param members   the people it concerns; numbers go out as digits without '+'
 * @param messageId unique per event and kept by every redelivery, so a receiver can drop duplicates
 * @param timestamp when it happened, sent as ISO-8601 to the second
 */
record GroupEvent(Type type, BotId bot, GroupId group, Msisdn from, List<Msisdn> members, String messageId,
        Instant timestamp) {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** WhatsApp wraps numbers in the text in left-to-right embedding marks; receivers must not parse the body. */
    private static final String LRE = "\u202A";
    private static final String PDF = "\u202C";

    /** The {@code event_type} values the simulator sends, with the text of their {@code body}. */
    enum Type {
        GROUP_CREATED("group_created", "created the group"),
        GROUP_SUBJECT_CHANGED("group_subject_changed", "changed the subject"),
        GROUP_USER_PROMOTED("group_user_promoted", "is now an admin"),
        GROUP_USER_DEMOTED("group_user_demoted", "is no longer an admin"),
        GROUP_USER_JOINED("group_user_joined", "joined using the group's invite link"),
        GROUP_USER_LEFT("group_user_left", "left"),
        GROUP_INVITE_LINK_REVOKED("group_invite_link_revoked", "reset the group's invite link"),
        GROUP_ENDED("group_ended", "ended the group");

        final String wireName;
        private final String text;

        Type(String wireName, String text) {
            this.wireName = wireName;
            this.text = text;
        }
    }

    GroupEvent {
        members = List.copyOf(members);
        timestamp = timestamp.truncatedTo(ChronoUnit.SECONDS);
    }

    /** The callback's body, e.g. {@code "‪+46 73 200 11 22‬ left"}; purely for people, as the provider's. */
    String body() {
        boolean aboutOthers = type == Type.GROUP_USER_PROMOTED || type == Type.GROUP_USER_DEMOTED
                || type == Type.GROUP_USER_JOINED || type == Type.GROUP_USER_LEFT;
        String who = aboutOthers && !members.isEmpty()
                ? members.stream().map(m -> LRE + m.e164() + PDF).collect(Collectors.joining(", "))
                : LRE + from.e164() + PDF;
        return who + " " + type.text;
    }

    /** The whole POST body. */
    byte[] callbackJson() {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "group_event");
        message.put("event_type", type.wireName);
        message.put("members", members.stream().map(Msisdn::digits).toList());
        message.put("in_group", group.value());
        message.put("body", body());
        Map<String, Object> notification = new LinkedHashMap<>();
        notification.put("from", from.digits());
        notification.put("to", bot.value());
        notification.put("in_group", group.value());
        notification.put("message_id", messageId);
        notification.put("timestamp", timestamp.toString());
        notification.put("message", message);
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("type", "whatsapp");
        envelope.put("notifications", List.of(notification));
        try {
            return JSON.writeValueAsBytes(envelope);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
