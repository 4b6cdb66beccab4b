package dev.roster.api.sinch;

import feign.Request;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Names a request the way users read it in messages and logs: {@code GET /groups/group:4475-1 for bot
 * 4475}, i.e. the verb, the path below {@code /whatsapp/v1/<bot>} (decoded), and the bot. Never shows
 * headers, so never a token.
 */
final class CallDescription {
    private static final String PREFIX = "/whatsapp/v1/";

    private CallDescription() {}

    static String of(Request request) {
        if (request == null) {
            return "request";
        }
        return of(request.httpMethod().name(), request.url());
    }

    static String of(String method, String url) {
        String path = pathOf(url);
        int at = path.indexOf(PREFIX);
        if (at >= 0) {
            String rest = path.substring(at + PREFIX.length());
            int slash = rest.indexOf('/');
            String bot = slash < 0 ? rest : rest.substring(0, slash);
            String below = slash < 0 ? "/" : rest.substring(slash);
            return method + " " + decode(below) + " for bot " + decode(bot);
        }
        return method + " " + decode(path);
    }

    /** The bot named in a {@code /whatsapp/v1/<bot>/...} path, or null. */
    static String botOf(String path) {
        String p = pathOf(path);
        int at = p.indexOf(PREFIX);
        if (at < 0) {
            return null;
        }
        String rest = p.substring(at + PREFIX.length());
        int slash = rest.indexOf('/');
        return decode(slash < 0 ? rest : rest.substring(0, slash));
    }

    private static String pathOf(String url) {
        if (url == null) {
            return "";
        }
        try {
            String raw = URI.create(url).getRawPath();
            return raw == null ? url : raw;
        } catch (IllegalArgumentException e) {
            int query = url.indexOf('?');
            return query < 0 ? url : url.substring(0, query);
        }
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
