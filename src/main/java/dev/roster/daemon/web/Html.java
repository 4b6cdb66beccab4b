package dev.roster.daemon.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The one HTML escaper of the page: every value written into the page goes through {@link #esc}. */
final class Html {
    private Html() {}

    /** {@code value} as text safe in an element and in a quoted attribute; null as the empty string. */
    static String esc(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** One path segment, percent-encoded (then escaped for an attribute by the caller). */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
