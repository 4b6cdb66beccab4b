package dev.roster.api.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import dev.roster.api.ApiException;
import dev.roster.api.Creation;
import dev.roster.model.GroupId;
import dev.roster.model.JoinApproval;
import dev.roster.model.JoinRequest;
import dev.roster.model.LiveGroup;
import dev.roster.model.Msisdn;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the Cloud API's answers leniently: the reference and Meta's OpenAPI file disagree in places, so each reader
 * accepts both forms (a list under {@code data.groups} or as {@code data}; a participant as {@code {wa_id}},
 * {@code {user}} or a bare string; ids as strings or numbers). What cannot be read at all becomes
 * {@link ApiException.MalformedResponse} naming the call, never a person's number.
 */
final class CloudAnswers {
    /** A run of digits as long as a phone number's: masked wherever the API's text is quoted. */
    private static final Pattern NUMBER = Pattern.compile("\\+?\\d{7,}");

    private CloudAnswers() {}

    /** A group as a listing names it. */
    record Listed(GroupId id, String subject) {}

    /** One page of a listing: its entries, the cursor after it (or null) and whether the API says more follow. */
    record Page<T>(List<T> items, String after, boolean hasNext) {}

    /** A participant the API could not remove, and why. {@code waId} is null when the answer did not say who. */
    record FailedParticipant(String waId, int code, String title) {}

    static Page<Listed> groups(JsonNode answer, String subject) {
        JsonNode data = answer.path("data");
        JsonNode list = data.isArray() ? data : data.path("groups");
        if (!list.isArray()) {
            throw malformed(subject, "no \"data.groups\" list in the answer");
        }
        List<Listed> out = new ArrayList<>(list.size());
        for (JsonNode g : list) {
            String id = g.isObject() ? text(g.get("id")) : text(g);
            if (id == null) {
                throw malformed(subject, "a group without an id in the answer");
            }
            out.add(new Listed(GroupId.of(id), g.isObject() ? text(g.get("subject")) : null));
        }
        return page(out, answer);
    }

    static Page<JoinRequest> joinRequests(JsonNode answer, String subject) {
        JsonNode list = answer.path("data");
        if (!list.isArray()) {
            throw malformed(subject, "no \"data\" list in the answer");
        }
        List<JoinRequest> out = new ArrayList<>(list.size());
        for (JsonNode r : list) {
            String id = text(r.has("join_request_id") ? r.get("join_request_id") : r.get("id"));
            String wa = firstText(r, "wa_id", "user");
            if (id == null || wa == null) {
                throw malformed(subject, "a join request without an id or a wa_id in the answer");
            }
            out.add(new JoinRequest(id, number(wa, subject)));
        }
        return page(out, answer);
    }

    private static <T> Page<T> page(List<T> items, JsonNode answer) {
        JsonNode paging = answer.path("paging");
        return new Page<>(List.copyOf(items), text(paging.path("cursors").get("after")),
                text(paging.get("next")) != null);
    }

    /**
     * A group read with {@link CloudClient#GROUP_FIELDS}; the Cloud API names no creator or admins (the business is
     * both), so those stay empty. Join requests are read apart and added by the caller.
     */
    static LiveGroup group(GroupId id, JsonNode answer, String subject, List<JoinRequest> joinRequests) {
        if (!answer.isObject() || !(answer.has("subject") || answer.has("participants"))) {
            throw malformed(subject, "no group data in the answer");
        }
        JsonNode participants = answer.path("participants");
        if (participants.isObject() && participants.path("data").isArray()) { // a Graph edge: {data: [...]}
            participants = participants.get("data");
        }
        Set<Msisdn> members = new LinkedHashSet<>();
        for (JsonNode p : participants) {
            String wa = p.isObject() ? firstText(p, "wa_id", "user", "phone_number") : text(p);
            if (wa == null) {
                throw malformed(subject, "a participant without a wa_id in the answer");
            }
            members.add(number(wa, subject));
        }
        String mode = firstText(answer, "join_approval_mode", "join_approval");
        JsonNode suspended = answer.get("suspended");
        return new LiveGroup(id, untrimmed(answer.get("subject")), null, Set.of(), members,
                answer.has("description") ? nullToEmpty(untrimmed(answer.get("description"))) : null,
                mode == null ? null : JoinApproval.parse(mode.toLowerCase(Locale.ROOT)),
                suspended != null && (suspended.asBoolean(false) || "true".equalsIgnoreCase(suspended.asText())),
                joinRequests);
    }

    /** The answer to create: a request id (asynchronous creation) or, should the API answer so, the group's id. */
    static Creation creation(JsonNode answer, String subject) {
        String request = text(answer.get("request_id"));
        if (request != null) {
            return Creation.requested(request);
        }
        String id = firstText(answer, "id", "group_id");
        if (id != null) {
            return Creation.done(GroupId.of(id));
        }
        throw malformed(subject, "no \"request_id\" in the answer");
    }

    static URI inviteLink(JsonNode answer, String subject) {
        String link = text(answer.get("invite_link"));
        if (link == null) {
            throw malformed(subject, "no \"invite_link\" in the answer");
        }
        try {
            return new URI(link);
        } catch (URISyntaxException e) {
            throw malformed(subject, "an invite link that is not a URL");
        }
    }

    /** The ids under {@code failed_join_requests} (entries {@code {join_request_id, errors}} or bare ids). */
    static List<String> failedJoinRequests(JsonNode answer) {
        List<String> failed = new ArrayList<>();
        for (JsonNode f : answer.path("failed_join_requests")) {
            String id = f.isObject() ? firstText(f, "join_request_id", "id") : text(f);
            if (id != null) {
                failed.add(id);
            }
        }
        return List.copyOf(failed);
    }

    /**
     * The participants a removal left in the group: the entries of {@code failed_participants} ({@code {user,
     * errors}}, {@code {wa_id, errors}} or bare numbers), each with its first error. An answer that reports a partial
     * success (an {@code errors} entry with code 131201) without saying who failed yields one entry without a
     * {@code waId}.
     */
    static List<FailedParticipant> failedParticipants(JsonNode answer) {
        List<FailedParticipant> failed = new ArrayList<>();
        for (JsonNode f : answer.path("failed_participants")) {
            String who = f.isObject() ? firstText(f, "user", "wa_id", "participant", "input") : text(f);
            JsonNode error = f.path("errors").isArray() ? f.path("errors").path(0) : f.path("error");
            failed.add(new FailedParticipant(who == null ? null : digits(who), error.path("code").asInt(0),
                    mask(firstText(error, "title", "message"))));
        }
        if (failed.isEmpty()) {
            for (JsonNode e : answer.path("errors")) {
                if (e.path("code").asInt(0) == 131201) {
                    failed.add(new FailedParticipant(null, 131201, mask(firstText(e, "title", "message"))));
                }
            }
        }
        return failed;
    }

    /** Digits only, as the API writes a wa_id. */
    static String digits(String raw) {
        return raw.replaceAll("[^0-9]", "");
    }

    /** {@code text} with every run of digits as long as a phone number replaced, so no person is named. */
    static String mask(String text) {
        return text == null ? null : NUMBER.matcher(text).replaceAll("[number]");
    }

    private static Msisdn number(String wa, String subject) {
        try {
            return Msisdn.parse(wa);
        } catch (IllegalArgumentException e) {
            throw malformed(subject, "a participant id that is not an international number");
        }
    }

    static ApiException.MalformedResponse malformed(String subject, String problem) {
        return new ApiException.MalformedResponse(200, subject + ": " + problem, null);
    }

    private static String firstText(JsonNode node, String... names) {
        for (String name : names) {
            String t = text(node.get(name));
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    private static String text(JsonNode value) {
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        String s = value.asText().trim();
        return s.isEmpty() ? null : s;
    }

    /** A subject or description as the API has it: not trimmed, so that it compares with what was set. */
    private static String untrimmed(JsonNode value) {
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
