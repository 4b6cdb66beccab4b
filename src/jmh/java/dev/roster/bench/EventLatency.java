package dev.roster.bench;

import dev.roster.api.RateLimiter;
import dev.roster.api.RetryPolicy;
import dev.roster.api.sinch.SinchGroupApi;
import dev.roster.api.sinch.SinchOptions;
import dev.roster.config.RosterSettings;
import dev.roster.config.SettingsLoader;
import dev.roster.daemon.Daemon;
import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import dev.roster.model.Msisdn;
import dev.roster.model.Secret;
import dev.roster.simulator.Simulator;
import dev.roster.simulator.SimulatorConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.jgit.api.Git;

/**
 * How fast the daemon acts on webhooks, measured end to end on loopback: the simulator (with {@code --latency} per
 * call) and a daemon in this JVM with its default settings ({@code daemon.hooks.debounce} 300 ms), the desired state
 * in a local git repository. Alternates two measurements, {@code --runs} times each:
 *
 * <ul>
 *   <li><b>event to write</b>: a declared admin joins the group (in the simulator's state, as by the invite link);
 *       from the {@code group_user_joined} callback posted to {@code /hooks/sinch} to the simulator counting the
 *       {@code add_admins} call;
 *   <li><b>push to applied</b>: a commit renames the group; from the signed push posted to {@code /hooks/git} to
 *       the simulator holding the new subject.
 * </ul>
 *
 * <p>Usage: {@code EventLatency [--runs 15] [--latency 0] [--work target/bench-events]}. Prints each time, then the
 * median, the spread (min to max) and the 90th percentile of each.
 */
public final class EventLatency {
    private static final BotId BOT = BotId.of("447506616260");
    private static final String ALICE = "+46732001122";
    private static final String HOOK_SECRET = "bench-hook-secret-0123456789";
    private static final String GIT_SECRET = "bench-git-secret-0123456789";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>(Map.of("--runs", "15", "--latency", "0",
                "--work", "target/bench-events"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!opts.containsKey(args[i])) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; known: " + opts.keySet());
            }
            opts.put(args[i], args[i + 1]);
        }
        int runs = Integer.parseInt(opts.get("--runs"));
        Path work = Path.of(opts.get("--work")).toAbsolutePath();
        deleteTree(work);
        Files.createDirectories(work);
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withBots(BOT)
                .withLatency(Long.parseLong(opts.get("--latency"))));
                Git upstream = Git.init().setDirectory(work.resolve("upstream").toFile()).setInitialBranch("main")
                        .call()) {
            commit(upstream, "Sales 0", 0);
            Path settingsFile = work.resolve("roster.yaml");
            Files.writeString(settingsFile, "api:\n  baseUrl: " + sim.baseUrl() + "\n  token: "
                    + SimulatorConfig.DEFAULT_TOKEN + "\naudit:\n  file: " + work.resolve("audit.jsonl") + "\n"
                    + "lock:\n  dir: " + work.resolve("locks") + "\n"
                    + "daemon:\n  schedule: \"0 0 0 1 1 ? 2099\"\n"
                    + "  git: {url: \"" + upstream.getRepository().getWorkTree().toPath().toUri() + "\"}\n"
                    + "  hooks: {gitSecret: " + GIT_SECRET + ", sinchSecret: " + HOOK_SECRET + "}\n");
            RosterSettings settings = SettingsLoader.load(settingsFile, Map.of()).settings();
            SinchOptions client = new SinchOptions(sim.baseUrl(), bot -> Secret.of(SimulatorConfig.DEFAULT_TOKEN),
                    Duration.ofSeconds(2), Duration.ofSeconds(10), RetryPolicy.DEFAULT);
            try (Daemon daemon = Daemon.start(settings, SinchGroupApi.create(client, new RateLimiter(1000,
                    RateLimiter.Ticker.SYSTEM)), Daemon.Options.of(List.of(Path.of("."))).withHttpPort(0)
                            .withGitDir(work.resolve("git")))) {
                waitFor("the first run creates the group", 30_000, () -> sim.state().groups(BOT).size() == 1);
                GroupId group = sim.state().groups(BOT).get(0).id();
                List<Double> events = new ArrayList<>();
                List<Double> pushes = new ArrayList<>();
                for (int i = 1; i <= runs + 1; i++) { // the first of each warms up, not counted
                    double event = eventToWrite(sim, daemon.httpPort(), group, i);
                    double push = pushToApplied(sim, daemon.httpPort(), upstream, i);
                    if (i > 1) {
                        events.add(event);
                        pushes.add(push);
                    }
                    System.out.printf(Locale.ROOT, "run %2d: event to write %6.0f ms, push to applied %6.0f ms%s%n",
                            i, event, push, i == 1 ? " (warm-up)" : "");
                }
                System.out.println(summary("event to write (target: median <= 1000 ms)", events));
                System.out.println(summary("push to applied (target: median <= 2000 ms)", pushes));
            }
        }
    }

    private static double eventToWrite(Simulator sim, int port, GroupId group, int i) throws Exception {
        Msisdn alice = Msisdn.parse(ALICE);
        if (sim.state().group(BOT, group).orElseThrow().admins().contains(alice)) {
            sim.state().demote(BOT, group, List.of(alice)); // as by hand, without a callback
        }
        sim.state().join(BOT, group, List.of(alice));
        long promotions = sim.state().stats().requests("POST /groups/{id}/admin");
        String body = "{\"type\":\"whatsapp\",\"notifications\":[{\"from\":\"46732001122\",\"to\":\"" + BOT
                + "\",\"in_group\":\"" + group + "\",\"message_id\":\"bench-" + i + "\",\"timestamp\":"
                + "\"2026-11-30T12:00:00Z\",\"message\":{\"type\":\"group_event\",\"event_type\":"
                + "\"group_user_joined\",\"members\":[\"46732001122\"],\"in_group\":\"" + group + "\"}}]}";
        long start = System.nanoTime();
        post(port, "/hooks/sinch?secret=" + HOOK_SECRET, body.getBytes(StandardCharsets.UTF_8));
        waitFor("the admin is promoted", 30_000,
                () -> sim.state().stats().requests("POST /groups/{id}/admin") > promotions);
        return (System.nanoTime() - start) / 1e6;
    }

    private static double pushToApplied(Simulator sim, int port, Git upstream, int i) throws Exception {
        String subject = "Sales " + i;
        commit(upstream, subject, i);
        byte[] body = "{\"ref\":\"refs/heads/main\"}".getBytes(StandardCharsets.UTF_8);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(GIT_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        long start = System.nanoTime();
        post(port, "/hooks/git", body, "X-GitHub-Event", "push", "X-GitHub-Delivery", "push-" + i,
                "X-Hub-Signature-256", signature);
        waitFor("the push is applied", 30_000, () -> sim.state().groups(BOT).get(0).subject().equals(subject));
        return (System.nanoTime() - start) / 1e6;
    }

    private static void commit(Git upstream, String subject, int i) throws Exception {
        Path file = upstream.getRepository().getWorkTree().toPath().resolve("sales.yaml");
        StringBuilder previously = new StringBuilder();
        for (int k = 0; k < i; k++) {
            previously.append(k == 0 ? "" : ", ").append("Sales ").append(k);
        }
        Files.writeString(file, "bot: \"" + BOT + "\"\ngroups:\n  sales:\n    subject: " + subject + "\n"
                + (i > 0 ? "    previously: [" + previously + "]\n" : "")
                + "    admins: [\"" + ALICE + "\"]\n    members: [\"+46732002244\"]\n");
        upstream.add().addFilepattern(".").call();
        upstream.commit().setMessage(subject).setAuthor("b", "b@example.org").setCommitter("b", "b@example.org")
                .setSign(false).call();
    }

    private static void post(int port, String path, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() >= 300) {
            throw new IllegalStateException(path + " answered " + answer.statusCode() + ": " + answer.body());
        }
    }

    private static void waitFor(String what, long millis, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("waited " + millis + " ms for: " + what);
            }
            Thread.sleep(1);
        }
    }

    private static String summary(String what, List<Double> times) {
        List<Double> sorted = new ArrayList<>(times);
        Collections.sort(sorted);
        double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        double p90 = sorted.get((int) Math.ceil(0.9 * sorted.size()) - 1);
        return String.format(Locale.ROOT, "%s: median %.0f ms, spread %.0f-%.0f ms, p90 %.0f ms (%d runs)", what,
                median, sorted.get(0), sorted.get(sorted.size() - 1), p90, sorted.size());
    }

    private static void deleteTree(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Collections.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
