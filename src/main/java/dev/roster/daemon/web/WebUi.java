package dev.roster.daemon.web;

import dev.roster.model.BotId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's page on the daemon's HTTP server: answers {@code /} and every path under {@code /ui/} (and leaves
 * every other path to the daemon's routes). Pages: {@code GET /} (bots), {@code /ui/bots/{bot}} (its groups,
 * {@code ?q=} filters), {@code /ui/bots/{bot}/groups/{key}}, {@code /ui/runs}, {@code /ui/signin}; forms:
 * {@code POST /ui/signin}, {@code /ui/signout}, {@code /ui/bots/{bot}/sync|pause|resume}.
 *
 * <p>Signing in takes {@code daemon.http.token} and sets a session cookie (HttpOnly, SameSite=Strict); each POST but
 * the sign-in needs the session and its CSRF token, and every POST is refused from another site ({@code Origin},
 * {@code Sec-Fetch-Site}). Every answer carries a strict CSP and the other security headers.
 */
public final class WebUi extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(WebUi.class);
    static final String COOKIE = "roster_session";
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private static final int MAX_FORM = 4096;
    /** A wrong token answers after this long; meanwhile other sign-ins answer 429: a few guesses a second at most. */
    private static final long WRONG_TOKEN_DELAY_MS = 400;
    private static final String HTML = "text/html; charset=utf-8";

    private record Answer(int status, String contentType, String body, Map<String, String> headers) {
        static Answer page(int status, String html) {
            return new Answer(status, HTML, html, Map.of());
        }

        static Answer redirect(String location, String cookie) {
            Map<String, String> headers = new HashMap<>();
            headers.put("Location", location);
            if (cookie != null) {
                headers.put("Set-Cookie", cookie);
            }
            return new Answer(303, HTML, "", headers);
        }
    }

    private final Console console;
    private final Pages pages;
    private final Sessions sessions;
    /** Held while a sign-in is checked (and a wrong one waits): one guess at a time, and one thread at most waits. */
    private final Semaphore checking = new Semaphore(1);
    private final String css = resource("app.css");
    private final String js = resource("app.js");

    /**
     * @param showNumbers {@code daemon.http.showNumbers}
     * @param webUrl      {@code daemon.git.webUrl}, or null
     */
    public WebUi(Console console, boolean showNumbers, URI webUrl, Clock clock) {
        this.console = console;
        this.pages = new Pages(console, showNumbers, webUrl);
        this.sessions = new Sessions(clock, Duration.ofHours(8));
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getPath();
        if (path == null || !(path.equals("/") || path.equals("/ui") || path.startsWith("/ui/"))) {
            return false;
        }
        String method = request.getMethod();
        Answer answer;
        try {
            answer = dispatch(request, path, method);
        } catch (RuntimeException e) {
            LOG.warn("{} {} failed: {}", method, path, e.toString());
            answer = page(null, Pages.message(500, "Something went wrong", "The page could not be made; the"
                    + " daemon's log says why."));
        }
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        response.setStatus(answer.status());
        var headers = response.getHeaders();
        headers.put(HttpHeader.CONTENT_TYPE, answer.contentType());
        headers.put(HttpHeader.CACHE_CONTROL, "no-store");
        headers.put("Content-Security-Policy", CSP);
        headers.put("X-Frame-Options", "DENY");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "no-referrer");
        answer.headers().forEach(headers::put);
        headers.put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, HttpMethod.HEAD.is(method) ? null : ByteBuffer.wrap(body), callback);
        return true;
    }

    private Answer dispatch(Request request, String path, String method) {
        Optional<Sessions.Session> session = sessions.find(cookie(request));
        boolean read = HttpMethod.GET.is(method) || HttpMethod.HEAD.is(method);
        boolean post = HttpMethod.POST.is(method);
        List<String> parts = List.of(path.substring(1).split("/", -1));
        // a POST's form is read first, whatever the answer: the connection then stays usable
        Map<String, String> form = post ? form(request) : Map.of();
        if (path.equals("/ui/app.css") && read) {
            return new Answer(200, "text/css; charset=utf-8", css, Map.of());
        }
        if (path.equals("/ui/app.js") && read) {
            return new Answer(200, "text/javascript; charset=utf-8", js, Map.of());
        }
        if (path.equals("/") && read || path.equals("/ui") && read) {
            return page(session.orElse(null), pages.overview());
        }
        if (path.equals("/ui/runs") && read) {
            return page(session.orElse(null), pages.runs());
        }
        if (path.equals("/ui/signin")) {
            if (read) {
                return page(session.orElse(null), pages.signIn(console.canSignIn(), null));
            }
            if (post) {
                return signIn(request, form);
            }
        }
        if (path.equals("/ui/signout") && post) {
            return signOut(request, session, form);
        }
        if (parts.size() >= 3 && parts.get(1).equals("bots") && !parts.get(2).isEmpty()) {
            Optional<BotId> bot = bot(parts.get(2));
            if (bot.isEmpty()) {
                return page(session.orElse(null), Pages.notFound("No bot " + parts.get(2) + " is known."));
            }
            if (parts.size() == 3 && read) {
                return page(session.orElse(null), pages.bot(bot.get(), query(request, "q"), session.orElse(null)));
            }
            if (parts.size() == 5 && parts.get(3).equals("groups") && read) {
                return page(session.orElse(null), pages.group(bot.get(), decode(parts.get(4)), session.orElse(null)));
            }
            if (parts.size() == 4 && post && List.of("sync", "pause", "resume").contains(parts.get(3))) {
                return act(request, session, form, bot.get(), parts.get(3));
            }
        }
        if (!read && !post) {
            return page(session.orElse(null), Pages.message(405, "Method not allowed", "This page answers GET."));
        }
        return page(session.orElse(null), Pages.notFound("There is no page " + path + "."));
    }

    private Answer signIn(Request request, Map<String, String> form) {
        if (crossSite(request)) {
            return page(null, Pages.message(403, "Refused", "A sign-in from another site is refused."));
        }
        if (!console.canSignIn()) {
            Pages.Page off = pages.signIn(false, null);
            return page(null, new Pages.Page(403, off.title(), off.body()));
        }
        if (!checking.tryAcquire()) {
            Pages.Page busy = pages.signIn(true, "Another sign-in is being checked; try again in a moment.");
            return page(null, new Pages.Page(429, busy.title(), busy.body()));
        }
        try {
            if (!console.isToken(form.get("token"))) {
                Thread.sleep(WRONG_TOKEN_DELAY_MS);
                LOG.info("operator page: a sign-in with a wrong token was refused");
                Pages.Page wrong = pages.signIn(true, "That is not the token. Nothing was changed.");
                return page(null, new Pages.Page(401, wrong.title(), wrong.body()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return page(null, Pages.message(503, "Stopping", "The daemon is stopping."));
        } finally {
            checking.release();
        }
        Sessions.Session s = sessions.create();
        LOG.info("operator page: signed in");
        return Answer.redirect("/", cookie(request, s.id, sessions.lifetime().toSeconds()));
    }

    private Answer signOut(Request request, Optional<Sessions.Session> session, Map<String, String> form) {
        Optional<Answer> refused = refused(request, session, form);
        if (refused.isPresent()) {
            return refused.get();
        }
        sessions.remove(session.get().id);
        return Answer.redirect("/", cookie(request, "", 0));
    }

    /** A button's POST: the session, its CSRF token and the same site, then what the control API does. */
    private Answer act(Request request, Optional<Sessions.Session> session, Map<String, String> form, BotId bot,
            String action) {
        Optional<Answer> refused = refused(request, session, form);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (!pages.bots().contains(bot)) {
            return page(session.get(), Pages.notFound("No bot " + bot.value() + " is declared."));
        }
        Console.Outcome outcome = switch (action) {
            case "sync" -> console.sync(bot);
            case "pause" -> console.pause(bot);
            default -> console.resume(bot);
        };
        session.get().flash((outcome.done() ? "" : "Not done: ") + outcome.message());
        return Answer.redirect("/ui/bots/" + Html.segment(bot.value()), null);
    }

    /** Why a signed-in POST is refused (403), or empty when it may go on. */
    private Optional<Answer> refused(Request request, Optional<Sessions.Session> session, Map<String, String> form) {
        if (crossSite(request)) {
            return Optional.of(page(session.orElse(null), Pages.message(403, "Refused",
                    "A request from another site is refused.")));
        }
        if (session.isEmpty()) {
            return Optional.of(page(null, Pages.message(403, "Refused", "Sign in first.")));
        }
        if (!session.get().csrfMatches(form.get("csrf"))) {
            return Optional.of(page(session.get(), Pages.message(403, "Refused",
                    "The form was out of date or not from this page; reload the page and try again.")));
        }
        return Optional.empty();
    }

    /**
     * True when the browser says the request comes from another site or origin: {@code Sec-Fetch-Site} other than
     * {@code same-origin} or {@code none}, or an {@code Origin} of another host. {@code Origin: null} is no origin:
     * a browser sends it for a form of this very page, whose {@code Referrer-Policy} is {@code no-referrer}.
     */
    static boolean crossSite(Request request) {
        String fetchSite = request.getHeaders().get("Sec-Fetch-Site");
        if (fetchSite != null && !fetchSite.equals("same-origin") && !fetchSite.equals("none")) {
            return true;
        }
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (origin == null || origin.equals("null")) {
            return false;
        }
        String host = request.getHeaders().get(HttpHeader.HOST);
        int scheme = origin.indexOf("://");
        return host == null || scheme < 0 || !origin.substring(scheme + 3).equalsIgnoreCase(host);
    }

    private Answer page(Sessions.Session session, Pages.Page page) {
        String flash = session == null ? null : session.takeFlash();
        return Answer.page(page.status(), Layout.page(page.title(), session, console.canSignIn(), flash,
                page.body()));
    }

    private static String cookie(Request request, String value, long maxAge) {
        return COOKIE + "=" + value + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + maxAge
                + (request.isSecure() ? "; Secure" : "");
    }

    private static String cookie(Request request) {
        for (HttpField field : request.getHeaders()) {
            if (field.getHeader() != HttpHeader.COOKIE) {
                continue;
            }
            for (String pair : field.getValue().split(";")) {
                String p = pair.strip();
                if (p.startsWith(COOKIE + "=")) {
                    return p.substring(COOKIE.length() + 1);
                }
            }
        }
        return null;
    }

    private static Map<String, String> form(Request request) {
        Map<String, String> fields = new HashMap<>();
        byte[] body;
        try {
            body = Content.Source.asByteArrayAsync(request, MAX_FORM).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return fields;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fields;
        }
        parse(new String(body, StandardCharsets.ISO_8859_1), fields);
        return fields;
    }

    private static String query(Request request, String name) {
        Map<String, String> fields = new HashMap<>();
        String q = request.getHttpURI().getQuery();
        if (q != null) {
            parse(q, fields);
        }
        return fields.get(name);
    }

    private static void parse(String encoded, Map<String, String> into) {
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = decode(pair.substring(0, eq).replace('+', ' '));
            into.putIfAbsent(name, decode(pair.substring(eq + 1).replace('+', ' ')));
        }
    }

    /** Percent-decoding only ({@code +} stays {@code +}: path segments). */
    private static String decode(String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    private static Optional<BotId> bot(String text) {
        try {
            return Optional.of(BotId.of(decode(text)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String resource(String name) {
        try (InputStream in = WebUi.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
