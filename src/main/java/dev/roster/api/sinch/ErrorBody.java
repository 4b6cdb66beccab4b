package dev.roster.api.sinch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What an error answer says, read tolerantly. The API answers errors as {@code {message, reason}},
 * {@code {title, reason}} or {@code {message, details}}, and proxies in front of it answer HTML or
 * nothing at all.
 *
 * @param headline the short part ({@code message} or {@code title}), or null; a bare status number
 *                 such as {@code "401"} counts as none
 * @param reason   the explanation ({@code reason}, else {@code details}, else the headline, else the
 *                 text of a non-JSON body), or null when the body said nothing
 */
record ErrorBody(String headline, String reason) {
    private static final int MAX_TEXT = 200;
    private static final Pattern TAGS =
            Pattern.compile("(?is)<(head|script|style)[^>]*>.*?</\\1\\s*>|<[^>]*>");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    static ErrorBody parse(ObjectMapper mapper, int status, byte[] body) {
        if (body == null || body.length == 0) {
            return new ErrorBody(null, null);
        }
        String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        try {
            JsonNode node = mapper.readTree(text);
            if (node != null && node.isObject()) {
                String headline = firstText(node, "message", "title", "error");
                if (headline != null && headline.equals(Integer.toString(status))) {
                    headline = null;
                }
                String reason = firstText(node, "reason", "details", "detail", "description");
                if (reason == null) {
                    reason = headline;
                    headline = null;
                }
                return new ErrorBody(headline, reason);
            }
        } catch (IOException e) {
            // not JSON: fall through to plain text
        }
        String plain = SPACES.matcher(TAGS.matcher(text).replaceAll(" ")).replaceAll(" ").trim();
        if (plain.isEmpty()) {
            return new ErrorBody(null, null);
        }
        return new ErrorBody(null, plain.length() > MAX_TEXT ? plain.substring(0, MAX_TEXT) + "..." : plain);
    }

    /** {@code "Validation error: Field [subject] can not be empty"}, or just one of them, or null. */
    String summary() {
        if (headline != null && reason != null) {
            return headline + ": " + reason;
        }
        return reason != null ? reason : headline;
    }

    private static String firstText(JsonNode node, String... names) {
        for (String name : names) {
            String text = asText(node.get(name));
            if (text != null && !text.isBlank()) {
                return text.trim();
            }
        }
        return null;
    }

    private static String asText(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isValueNode()) {
            return value.asText();
        }
        List<String> parts = new ArrayList<>();
        if (value.isArray()) {
            for (JsonNode item : value) {
                String text = asText(item);
                if (text != null && !text.isBlank()) {
                    parts.add(text);
                }
            }
        } else {
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                String text = asText(field.getValue());
                if (text != null && !text.isBlank()) {
                    parts.add(field.getKey() + ": " + text);
                }
            }
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }
}
