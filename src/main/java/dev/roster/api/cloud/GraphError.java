package dev.roster.api.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * What an error answer says, read from the Graph envelope {@code {"error": {message, type, code, error_subcode,
 * error_data: {details}, is_transient, fbtrace_id}}}. Anything else (a proxy's HTML, nothing at all) leaves
 * {@code code} 0 and keeps a short plain text as the message.
 *
 * @param code      the Graph error code, 0 when the answer had none
 * @param subcode   {@code error_subcode}, 0 when absent
 * @param message   {@code message}, with {@code error_data.details} appended when it says more; or null
 * @param isTransient {@code is_transient}
 * @param fbtraceId {@code fbtrace_id}, which Meta's support asks for; or null
 */
record GraphError(int code, int subcode, String message, boolean isTransient, String fbtraceId) {
    private static final int MAX_TEXT = 200;
    private static final Pattern TAGS = Pattern.compile("(?is)<(head|script|style)[^>]*>.*?</\\1\\s*>|<[^>]*>");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    static GraphError parse(ObjectMapper mapper, byte[] body) {
        if (body == null || body.length == 0) {
            return new GraphError(0, 0, null, false, null);
        }
        String text = new String(body, StandardCharsets.UTF_8);
        try {
            JsonNode node = mapper.readTree(text);
            if (node != null && node.path("error").isObject()) {
                return of(node.get("error"));
            }
        } catch (IOException e) {
            // not JSON: plain text below
        }
        String plain = SPACES.matcher(TAGS.matcher(text).replaceAll(" ")).replaceAll(" ").trim();
        return new GraphError(0, 0, plain.isEmpty() ? null
                : plain.length() > MAX_TEXT ? plain.substring(0, MAX_TEXT) + "..." : plain, false, null);
    }

    /** The error object itself (also the shape of an entry in a partial success's {@code errors}). */
    static GraphError of(JsonNode error) {
        String message = text(error.get("message"));
        if (message == null) {
            message = text(error.get("title"));
        }
        String details = text(error.path("error_data").get("details"));
        if (details != null && (message == null || !message.contains(details))) {
            message = message == null ? details : message + ": " + details;
        }
        JsonNode transientFlag = error.get("is_transient");
        return new GraphError(error.path("code").asInt(0), error.path("error_subcode").asInt(0), message,
                transientFlag != null && (transientFlag.asBoolean(false) || "true".equals(transientFlag.asText())),
                text(error.get("fbtrace_id")));
    }

    /** {@code (#131207) Group is suspended [fbtrace_id AbC]}, or what there is of it; "" when nothing. */
    String summary() {
        StringBuilder out = new StringBuilder();
        if (code != 0) {
            out.append("(#").append(code).append(subcode != 0 ? "/" + subcode : "").append(')');
        }
        if (message != null) {
            out.append(out.length() == 0 ? "" : " ").append(message);
        }
        if (fbtraceId != null) {
            out.append(out.length() == 0 ? "" : " ").append("[fbtrace_id ").append(fbtraceId).append(']');
        }
        return out.toString();
    }

    private static String text(JsonNode value) {
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        String s = value.asText().trim();
        return s.isEmpty() ? null : s;
    }
}
