package dev.roster.daemon.web;

import static dev.roster.daemon.web.Html.esc;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The frame of every page (skip link, navigation, {@code <main>}, the flash message) and the small pieces the pages
 * share. No inline script or style: the page's CSP forbids them.
 */
final class Layout {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Layout() {}

    /**
     * A whole page.
     *
     * @param session the signed-in session, or null
     * @param flash   a message of the last action, or null
     * @param body    the HTML of {@code <main>}, starting with its {@code <h1>}
     */
    static String page(String title, Sessions.Session session, boolean canSignIn, String flash, String body) {
        StringBuilder h = new StringBuilder(4096);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(title)).append(" · roster</title>\n")
                .append("<link rel=\"icon\" href=\"data:,\">\n<link rel=\"stylesheet\" href=\"/ui/app.css\">\n")
                .append("<script src=\"/ui/app.js\" defer></script>\n</head>\n<body>\n")
                .append("<a class=\"skip-link\" href=\"#main\">Skip to the content</a>\n")
                .append("<header class=\"top\">\n<p class=\"brand\"><a href=\"/\">roster</a></p>\n")
                .append("<nav aria-label=\"Main\">\n<ul>\n")
                .append("<li><a href=\"/\">Bots</a></li>\n<li><a href=\"/ui/runs\">Runs</a></li>\n");
        if (session != null) {
            h.append("<li><form method=\"post\" action=\"/ui/signout\">").append(csrf(session))
                    .append("<button id=\"signout\" type=\"submit\">Sign out</button></form></li>\n");
        } else if (canSignIn) {
            h.append("<li><a id=\"signin-link\" href=\"/ui/signin\">Sign in</a></li>\n");
        }
        h.append("</ul>\n</nav>\n</header>\n<main id=\"main\" tabindex=\"-1\">\n");
        if (flash != null) {
            h.append("<p id=\"flash\" class=\"flash\" role=\"status\">").append(esc(flash)).append("</p>\n");
        }
        h.append(body).append("</main>\n</body>\n</html>\n");
        return h.toString();
    }

    /** The hidden CSRF field of a form. */
    static String csrf(Sessions.Session session) {
        return "<input type=\"hidden\" name=\"csrf\" value=\"" + esc(session.csrf) + "\">";
    }

    /** A moment as {@code <time>}, to the second in UTC; a dash for null. */
    static String time(Instant at) {
        if (at == null) {
            return "—";
        }
        Instant s = at.truncatedTo(ChronoUnit.SECONDS);
        return "<time datetime=\"" + esc(s) + "\">" + esc(TIME.format(s)) + "</time>";
    }

    static String duration(Duration d) {
        long ms = d.toMillis();
        return ms < 1000 ? ms + " ms" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    /** A state as a labelled badge (the word carries the meaning; the colour only repeats it). */
    static String badge(String label) {
        String css = label.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z]", "");
        return "<span class=\"badge badge-" + esc(css) + "\">" + esc(label) + "</span>";
    }

    /** A commit shortened to 12 characters, the whole in its title; "local files" for null. */
    static String commit(String commit) {
        if (commit == null) {
            return "local files";
        }
        String shown = commit.length() > 12 ? commit.substring(0, 12) : commit;
        return "<code title=\"" + esc(commit) + "\">" + esc(shown) + "</code>";
    }
}
