package dev.roster.simulator;

import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * One request matched to an endpoint of the v1 group API: {@code /whatsapp/v1/{bot}/groups[/{group}[/part]]}.
 * Path segments are percent-decoded, so a group id arrives the same whether its ':' was sent raw or as %3A.
 *
 * @param endpoint e.g. {@code "DELETE /groups/{id}/member"}, the key under which {@link Stats} counts it
 * @param group    null for the endpoints on {@code /groups}
 */
record ApiRoute(String endpoint, BotId bot, GroupId group, boolean write) {
    static final String PREFIX = "/whatsapp/v1/";

    private static final Set<String> READS = Set.of("GET /groups", "GET /groups/{id}", "GET /groups/{id}/invite");
    private static final Set<String> WRITES = Set.of("POST /groups", "PATCH /groups/{id}", "DELETE /groups/{id}",
            "DELETE /groups/{id}/member", "POST /groups/{id}/admin", "DELETE /groups/{id}/admin",
            "DELETE /groups/{id}/invite");

    /** The route of a request, or null when it matches no endpoint. */
    static ApiRoute match(String method, String rawPath) {
        if (!rawPath.startsWith(PREFIX)) {
            return null;
        }
        String rest = rawPath.substring(PREFIX.length());
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        String[] parts = rest.split("/", -1);
        if (parts.length < 2 || parts.length > 4 || !parts[1].equals("groups")) {
            return null;
        }
        String bot = decode(parts[0]);
        String group = parts.length >= 3 ? decode(parts[2]) : null;
        if (bot == null || bot.isBlank() || (parts.length >= 3 && (group == null || group.isBlank()))) {
            return null;
        }
        String template = switch (parts.length) {
            case 2 -> "/groups";
            case 3 -> "/groups/{id}";
            default -> "/groups/{id}/" + parts[3];
        };
        String endpoint = method + " " + template;
        boolean write = WRITES.contains(endpoint);
        if (!write && !READS.contains(endpoint)) {
            return null;
        }
        return new ApiRoute(endpoint, BotId.of(bot), group == null ? null : GroupId.of(group), write);
    }

    /** Percent-decodes one path segment ('+' stays '+'); null when the escapes are malformed. */
    static String decode(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
