package dev.roster.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.config.RosterSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code roster sync BOT}: asks a running daemon to run a bot (or one of its groups) now, through its control
 * endpoint, with the token {@code daemon.http.token} of the settings, and prints the run's outcome.
 */
@Command(name = "sync", mixinStandardHelpOptions = true,
        description = "Asks the running daemon to run a bot now (needs daemon.http.token) and prints the outcome.")
final class SyncCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions global;

    @Parameters(index = "0", paramLabel = "BOT", description = "The bot id.")
    String bot;

    @Option(names = "--group", paramLabel = "KEY", description = "Only this declared group of the bot.")
    String group;

    @Option(names = "--daemon", paramLabel = "URL",
            description = "The daemon's HTTP address. Default: daemon.http.bind and daemon.http.port of the settings.")
    URI daemon;

    @Option(names = "--no-wait", description = "Return once the run is asked for, without waiting for it.")
    boolean noWait;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        RosterSettings settings = Inputs.loadSettings(global, spec.commandLine().getErr());
        RosterSettings.Http http = settings.daemon().http();
        if (http.token() == null) {
            throw new UserError("roster sync needs daemon.http.token in the settings (the daemon's control token);"
                    + " the daemon's control endpoints are off without it");
        }
        URI base = daemon != null ? daemon : URI.create("http://" + (http.bind().contains(":") ? "[" + http.bind()
                + "]" : http.bind()) + ":" + http.port());
        String path = "/api/v1/bots/" + encode(bot) + (group == null ? "" : "/groups/" + encode(group)) + "/sync"
                + (noWait ? "" : "?wait=true");
        HttpResponse<String> answer = send(base.resolve(path), http, settings.api().runTimeout());
        JsonNode body = parse(answer.body());
        if (answer.statusCode() >= 400) {
            throw new UserError("the daemon at " + base + " refused: " + answer.statusCode() + " "
                    + body.path("error").asText(answer.body().strip()));
        }
        if ("skipped".equals(body.path("result").asText())) {
            throw new UserError("bot " + bot + ": the run was skipped: another writer (an apply, or a run on another"
                    + " node) held the bot's write lock; try again when it is done");
        }
        if (body.has("result")) {
            out.printf("bot %s: %s in %d ms: %d change(s) applied, drift %d, pending %d, %d error(s)%n", bot,
                    body.path("result").asText(), body.path("duration_ms").asLong(),
                    body.path("changes_applied").asInt(), body.path("drift").asInt(), body.path("pending").asInt(),
                    body.path("errors").asInt());
            return "failed".equals(body.path("result").asText()) || "invalid".equals(body.path("result").asText())
                    ? ExitCodes.ERROR : ExitCodes.OK;
        }
        out.printf("bot %s: %s%n", bot, body.path("status").asText("sync requested"));
        return ExitCodes.OK;
    }

    private static HttpResponse<String> send(URI uri, RosterSettings.Http http, Duration runTimeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(runTimeout.plusSeconds(30))
                .header("Authorization", "Bearer " + http.token().reveal())
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UserError("cannot reach the daemon at " + uri.getScheme() + "://" + uri.getAuthority() + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    + " (is `roster daemon` running? --daemon URL names another address)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted");
        }
    }

    private static JsonNode parse(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node == null ? JSON.createObjectNode() : node;
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static String encode(String segment) {
        return java.net.URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
