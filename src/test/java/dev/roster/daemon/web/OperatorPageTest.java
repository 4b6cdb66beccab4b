package dev.roster.daemon.web;

import static dev.roster.testing.LocalHttp.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import dev.roster.api.GroupApi;
import dev.roster.api.RateLimiter;
import dev.roster.api.RetryPolicy;
import dev.roster.api.sinch.SinchGroupApi;
import dev.roster.api.sinch.SinchOptions;
import dev.roster.config.ConfigException;
import dev.roster.config.RosterSettings;
import dev.roster.config.SettingsLoader;
import dev.roster.daemon.Daemon;
import dev.roster.model.BotId;
import dev.roster.model.Secret;
import dev.roster.simulator.Simulator;
import dev.roster.simulator.SimulatorConfig;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's page over real HTTP, served by a daemon in this JVM against the simulator. */
class OperatorPageTest {
    private static final BotId BOT = BotId.of("447506616260");
    private static final String ALICE = "+46732001122";
    private static final String BOB = "+46732002244";
    private static final String TOKEN = "page-token-0123456789";
    private static final String HOSTILE = "<script>alert(1)</script>";
    private static final String NEVER = "  schedule: \"0 0 0 1 1 ? 2099\"\n";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @TempDir
    Path dir;
    Simulator sim;
    Daemon daemon;

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    /** A daemon with one group of the hostile subject, run twice (create, then read with its invite link). */
    private void start(String daemonYaml) throws Exception {
        Path desired = Files.createDirectories(dir.resolve("groups"));
        writeGroups(desired);
        start(daemonYaml, List.of(desired), null);
    }

    private void start(String daemonYaml, List<Path> paths, Path gitDir) throws Exception {
        sim = Simulator.start(SimulatorConfig.defaults().withBots(BOT));
        RosterSettings settings = SettingsLoader.load(settingsFile(daemonYaml), Map.of()).settings();
        daemon = Daemon.start(settings, client(sim), Daemon.Options.of(paths).withNode("page").withGitDir(gitDir)
                .withHttpPort(0).withRunAtStart(false));
        daemon.runner().run(BOT, null);
        daemon.runner().run(BOT, null);
    }

    private static void writeGroups(Path folder) throws Exception {
        Files.writeString(folder.resolve("sales.yaml"), "bot: \"" + BOT + "\"\n"
                + "groups:\n"
                + "  sales-team:\n"
                + "    subject: \"" + HOSTILE + "\"\n"
                + "    admins: [\"" + ALICE + "\"]\n"
                + "    members: [\"" + BOB + "\"]\n");
    }

    private Path settingsFile(String daemonYaml) throws Exception {
        Path file = dir.resolve("roster.yaml");
        Files.writeString(file, "api:\n"
                + "  baseUrl: " + (sim == null ? "http://127.0.0.1:9" : sim.baseUrl()) + "\n"
                + "  token: " + SimulatorConfig.DEFAULT_TOKEN + "\n"
                + "  retry: {maxAttempts: 2, initialBackoff: 10ms, maxBackoff: 50ms}\n"
                + "audit:\n  file: " + dir.resolve("audit.jsonl") + "\n"
                + "daemon:\n" + NEVER + "  hooks: {debounce: 0s}\n" + daemonYaml);
        return file;
    }

    private static GroupApi client(Simulator sim) {
        SinchOptions options = new SinchOptions(sim.baseUrl(), bot -> Secret.of(SimulatorConfig.DEFAULT_TOKEN),
                Duration.ofSeconds(2), Duration.ofSeconds(10), new RetryPolicy(2, Duration.ofMillis(10),
                        Duration.ofMillis(50), Duration.ofSeconds(5)));
        return SinchGroupApi.create(options, new RateLimiter(1000, RateLimiter.Ticker.SYSTEM));
    }

    private String base() {
        return "http://127.0.0.1:" + daemon.httpPort();
    }

    private HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(10));
        if (cookie != null) {
            r.header("Cookie", cookie);
        }
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A form POST; headers as name, value, ... */
    private HttpResponse<String> post(String path, Map<String, String> form, String... headers) throws Exception {
        List<String> pairs = new ArrayList<>();
        form.forEach((k, v) -> pairs.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(String.join("&", pairs)));
        if (headers.length > 0) {
            r.headers(headers);
        }
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Signs in with the token; the cookie to send back. */
    private String signIn() throws Exception {
        HttpResponse<String> r = post("/ui/signin", Map.of("token", TOKEN));
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).hasValue("/");
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).contains("HttpOnly").contains("SameSite=Strict").contains("Path=/");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        assertThat(cookie.substring(cookie.indexOf('=') + 1)).as("a 256-bit id, base64url").hasSize(43);
        return cookie;
    }

    private static String csrf(String html) {
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as("a csrf field in the page").isTrue();
        return m.group(1);
    }

    private String botPage() {
        return "/ui/bots/" + BOT;
    }

    private String groupPage() {
        return "/ui/bots/" + BOT + "/groups/sales-team";
    }

    @Test
    void everyPageAnswersWithItsIdsAndTheSecurityHeaders() throws Exception {
        start("  http: {token: " + TOKEN + "}\n");

        Map<String, List<String>> ids = Map.of(
                "/", List.of("id=\"bots\"", "data-bot=\"" + BOT + "\"", "class=\"bot-link\" href=\"/ui/bots/" + BOT
                        + "\""),
                botPage(), List.of("id=\"groups\"", "data-key=\"sales-team\"", "id=\"filter\" name=\"q\"",
                        "href=\"/ui/bots/" + BOT + "/groups/sales-team\"", "sales.yaml:3"),
                groupPage(), List.of("id=\"declared\"", "id=\"live\"", "id=\"pending\"", "id=\"waiting-changes\"",
                        "id=\"history\""),
                "/ui/runs", List.of("id=\"runs\"", "data-bot=\"" + BOT + "\""),
                "/ui/signin", List.of("id=\"token\" type=\"password\" name=\"token\"", "id=\"signin\""));
        for (var page : ids.entrySet()) {
            HttpResponse<String> r = get(page.getKey(), null);
            assertThat(r.statusCode()).as(page.getKey()).isEqualTo(200);
            assertThat(r.body()).as(page.getKey()).contains(page.getValue()).contains("<html lang=\"en\">")
                    .contains("<main id=\"main\"").doesNotContain("style=");
            assertThat(r.headers().firstValue("Content-Security-Policy")).as(page.getKey()).hasValue(
                    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                            + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
            assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
            assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        }
        assertThat(get("/ui/app.css", null).statusCode()).isEqualTo(200);
        assertThat(get("/ui/app.js", null).headers().firstValue("Content-Type").orElseThrow())
                .startsWith("text/javascript");
        assertThat(get("/ui/bots/" + BOT + "/groups/nothing", null).statusCode()).isEqualTo(404);
        assertThat(get("/ui/nothing", null).headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(get("/status", null).body()).as("the other routes still answer").contains("\"bots\"");
        assertThat(get(botPage(), null).body()).as("signed out: no buttons").doesNotContain("id=\"sync-now\"");
    }

    @Test
    void aHostileSubjectIsShownAsText() throws Exception {
        start("");

        for (String path : List.of(botPage(), groupPage())) {
            String body = get(path, null).body();
            assertThat(body).doesNotContain(HOSTILE).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
            assertThat(body.split("<script", -1)).as("the only script is app.js").hasSize(2);
        }
    }

    @Test
    void theInviteLinkShowsOnlyToASignedInUserAndItsQrCodeHoldsIt() throws Exception {
        start("  http: {token: " + TOKEN + "}\n");
        String link = sim.state().inviteLink(BOT, daemon.status().groupOf(BOT, "sales-team").orElseThrow());

        String signedOut = get(groupPage(), null).body();
        assertThat(signedOut).doesNotContain("id=\"invite-link\"").doesNotContain("id=\"invite-qr\"")
                .doesNotContain(link).contains("to see the invite link");

        String signedIn = get(groupPage(), signIn()).body();
        assertThat(signedIn).contains("<a id=\"invite-link\" href=\"" + link + "\"")
                .contains("<button id=\"copy-link\" type=\"button\">");
        Matcher qr = Pattern.compile("<img id=\"invite-qr\" alt=\"QR code of the invite link\"[^>]*"
                + " src=\"data:image/png;base64,([^\"]+)\"").matcher(signedIn);
        assertThat(qr.find()).isTrue();
        var image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(qr.group(1))));
        String decoded = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new BufferedImageLuminanceSource(image)))).getText();
        assertThat(decoded).isEqualTo(link);
    }

    @Test
    void numbersAreMaskedByDefault() throws Exception {
        start("  http: {token: " + TOKEN + "}\n");

        String body = get(groupPage(), signIn()).body();
        assertThat(body).doesNotContain(ALICE).doesNotContain(BOB).doesNotContain(ALICE.substring(1))
                .contains("<li>+***");
        Matcher pending = Pattern.compile("<ul id=\"pending\"[^>]*>(.*?)</ul>", Pattern.DOTALL).matcher(body);
        assertThat(pending.find()).isTrue();
        assertThat(pending.group(1).split("<li>", -1)).as("one item per pending person").hasSize(3);
    }

    @Test
    void aWrongTokenIsRefusedWith401AndSetsNoCookie() throws Exception {
        start("  http: {token: " + TOKEN + "}\n");

        HttpResponse<String> r = post("/ui/signin", Map.of("token", "wrong"));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(r.body()).doesNotContain(TOKEN);
        assertThat(post("/ui/signin", Map.of("token", TOKEN), "Origin", "https://evil.example.invalid")
                .statusCode()).as("a sign-in from another site").isEqualTo(403);
    }

    @Test
    void buttonsWithoutSessionOrCsrfOrFromAnotherSiteAreRefusedAndNothingRuns() throws Exception {
        start("  http: {token: " + TOKEN + "}\n");
        String cookie = signIn();
        String csrf = csrf(get(botPage(), cookie).body());
        int runs = daemon.status().history().runs(BOT).size();

        assertThat(post(botPage() + "/sync", Map.of("csrf", csrf)).statusCode()).as("no session").isEqualTo(403);
        assertThat(post(botPage() + "/sync", Map.of(), "Cookie", cookie).statusCode()).as("no csrf").isEqualTo(403);
        assertThat(post(botPage() + "/sync", Map.of("csrf", csrf + "x"), "Cookie", cookie).statusCode())
                .as("a wrong csrf").isEqualTo(403);
        assertThat(post(botPage() + "/pause", Map.of("csrf", csrf), "Cookie", cookie, "Origin",
                "https://evil.example.invalid").statusCode()).as("another origin").isEqualTo(403);
        assertThat(post(botPage() + "/sync", Map.of("csrf", csrf), "Cookie", cookie, "Sec-Fetch-Site",
                "cross-site").statusCode()).as("another site").isEqualTo(403);
        assertThat(post(botPage() + "/sync", Map.of("csrf", csrf), "Cookie", "roster_session=forged")
                .statusCode()).as("an unknown session").isEqualTo(403);

        assertThat(daemon.status().history().runs(BOT)).hasSize(runs);
        assertThat(daemon.status().health(BOT).label()).as("not paused").isNotEqualTo("Suspended");
    }

    @Test
    void syncNowFromTheFormStartsARunThatShowsOnTheRunsPage() throws Exception {
        start("  http: {token: " + TOKEN + "}\n");
        String cookie = signIn();
        String page = get(botPage(), cookie).body();
        assertThat(page).contains("<form method=\"post\" action=\"/ui/bots/" + BOT + "/sync\"")
                .contains("id=\"sync-now\"").contains("id=\"pause\"").contains("id=\"resume\"");
        int runs = daemon.status().history().runs(BOT).size();

        HttpResponse<String> r = post(botPage() + "/sync", Map.of("csrf", csrf(page)), "Cookie", cookie,
                "Origin", base(), "Sec-Fetch-Site", "same-origin");

        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).hasValue(botPage());
        assertThat(get(botPage(), cookie).body()).as("the flash message").contains("id=\"flash\"")
                .contains("sync of bot " + BOT + " requested");
        await("the run asked for", 15, () -> daemon.status().history().runs(BOT).size() == runs + 1);
        String runsPage = get("/ui/runs", null).body();
        assertThat(runsPage.split("<tr data-bot=\"" + BOT + "\"", -1)).hasSize(runs + 2);
        String bot = get(botPage(), null).body();
        assertThat(bot.substring(bot.indexOf("id=\"bot-runs\"")).split("<tr data-bot=", -1)).as("the bot's runs")
                .hasSize(runs + 2);
        assertThat(get(groupPage(), null).body().split("<td>run</td>", -1)).as("the group's history")
                .hasSize(runs + 2);
    }

    @Test
    void pauseAndResumeFromTheFormsAndSignOut() throws Exception {
        start("  http: {token: " + TOKEN + "}\n");
        String cookie = signIn();
        String csrf = csrf(get(botPage(), cookie).body());

        assertThat(post(botPage() + "/pause", Map.of("csrf", csrf), "Cookie", cookie, "Origin", "null",
                "Sec-Fetch-Site", "same-origin").statusCode()).as("as a browser posts under no-referrer")
                .isEqualTo(303);
        assertThat(get("/", null).body()).contains("Suspended");
        assertThat(post(botPage() + "/sync", Map.of("csrf", csrf), "Cookie", cookie).statusCode()).isEqualTo(303);
        assertThat(get(botPage(), cookie).body()).contains("Not done: bot " + BOT + " is paused");
        assertThat(post(botPage() + "/resume", Map.of("csrf", csrf), "Cookie", cookie).statusCode()).isEqualTo(303);
        assertThat(get("/", null).body()).doesNotContain("Suspended");

        HttpResponse<String> out = post("/ui/signout", Map.of("csrf", csrf), "Cookie", cookie);
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
        assertThat(get(groupPage(), cookie).body()).doesNotContain("id=\"invite-link\"");
        assertThat(post(botPage() + "/sync", Map.of("csrf", csrf), "Cookie", cookie).statusCode()).isEqualTo(403);
    }

    @Test
    void withoutATokenThePageIsReadOnly() throws Exception {
        start("");

        assertThat(get("/ui/signin", null).body()).contains("id=\"signin-off\"").doesNotContain("id=\"token\"");
        HttpResponse<String> r = post("/ui/signin", Map.of("token", ""));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(get(botPage(), null).body()).doesNotContain("id=\"sync-now\"").doesNotContain("signin-link");
    }

    @Test
    void theFilterKeepsOnlyMatchingGroups() throws Exception {
        start("");

        assertThat(get(botPage() + "?q=SALES", null).body()).contains("data-key=\"sales-team\"");
        assertThat(get(botPage() + "?q=nothing+like+it", null).body()).doesNotContain("data-key=")
                .contains("value=\"nothing like it\"");
    }

    @Test
    void aDeclarationFromGitLinksToItsLineUnderTheWebUrl() throws Exception {
        Path upstream = Files.createDirectories(dir.resolve("upstream"));
        try (Git git = Git.init().setDirectory(upstream.toFile()).setInitialBranch("main").call()) {
            writeGroups(Files.createDirectories(upstream.resolve("groups")));
            git.add().addFilepattern(".").call();
            git.commit().setMessage("groups").setAuthor("t", "t@example.invalid").setCommitter("t", "t@example.invalid")
                    .setSign(false).call();
        }
        start("  git: {url: \"" + upstream.toUri() + "\","
                + " webUrl: \"https://git.example.invalid/org/groups/blob/main\"}\n",
                List.of(Path.of("groups")), dir.resolve("work"));

        assertThat(get(botPage(), null).body()).contains("<a class=\"source-link\" href=\""
                + "https://git.example.invalid/org/groups/blob/main/groups/sales.yaml#L3\"><code>groups/sales.yaml:3"
                + "</code></a>");
    }

    @Test
    void aWebUrlThatIsNoHttpUrlIsRefusedWhereItIsWritten() throws Exception {
        Path file = settingsFile("  git:\n    webUrl: \"javascript:alert(1)\"\n");

        assertThatThrownBy(() -> SettingsLoader.load(file, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining(file + ":11:13:")
                .hasMessageContaining("daemon.git.webUrl must be an http(s) URL");
    }
}
