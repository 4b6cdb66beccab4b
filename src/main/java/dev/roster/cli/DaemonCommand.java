package dev.roster.cli;

import dev.roster.api.GroupApi;
import dev.roster.config.IoReasons;
import dev.roster.config.RosterSettings;
import dev.roster.daemon.Daemon;
import dev.roster.daemon.DaemonException;
import dev.roster.files.PrivateFiles;
import dev.roster.model.BotId;
import dev.roster.model.Secret;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "daemon", mixinStandardHelpOptions = true,
        description = {"Reconciles every bot on daemon.schedule, and serves /healthz /readyz /metrics /status.",
                "With daemon.git.url set, PATHs are inside the repository (default: its root).",
                "Stops on SIGTERM or Ctrl-C within 20 s, exit code 0."})
final class DaemonCommand implements Callable<Integer> {
    /** How long running groups get to finish their call in flight; the process exits within 20 s. */
    static final Duration GRACE = Duration.ofSeconds(15);

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions global;

    @Parameters(arity = "0..*", paramLabel = "PATH", description = "Desired-state files or directories.")
    List<Path> paths = List.of();

    @Option(names = "--http-port", paramLabel = "N", description = "Overrides daemon.http.port (0: any free port).")
    Integer httpPort;

    @Option(names = "--node", paramLabel = "ID", description = "This node's id in a cluster (default: host-pid).")
    String node;

    @Option(names = "--git-dir", paramLabel = "DIR", description = "Working folder for daemon.git (default: var/git).")
    Path gitDir;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        RosterSettings settings = Inputs.loadSettings(global, err);
        boolean git = !settings.daemon().git().url().isBlank();
        if (paths.isEmpty() && !git) {
            throw new UserError("error: give the desired-state PATHs, or set daemon.git.url");
        }
        Set<BotId> bots = git ? Set.of() : sandboxBots(settings, err);
        Connection connection = Connection.open(global, settings, paths, bots, err);
        RosterSettings inForce = connection.settings();
        Secret sandboxEvents = null;
        if (connection.sandbox().isPresent() && inForce.daemon().hooks().sinchSecret() == null) {
            // the sandbox sends its group events to this daemon, so self-heal can be tried out
            sandboxEvents = Secret.of(Connection.randomSecret());
            inForce = inForce.withDaemon(inForce.daemon().withHooks(inForce.daemon().hooks()
                    .withSinchSecret(sandboxEvents)));
        }
        boolean sandboxCloud = connection.sandbox().isPresent() && inForce.daemon().hooks().cloudAppSecret() == null
                && connection.sandbox().get().config().cloud().appSecret() != null;
        if (sandboxCloud) {
            // and its Cloud API webhooks, signed with the sandbox's app secret
            inForce = inForce.withDaemon(inForce.daemon().withHooks(inForce.daemon().hooks().withCloud(
                    Secret.of(connection.sandbox().get().config().cloud().appSecret()),
                    Secret.of(Connection.randomSecret()))));
        }
        Path pageToken = null;
        if (connection.sandbox().isPresent() && inForce.daemon().http().token() == null) {
            // the operator's page can be signed in to: the token is in a file of the sandbox, never printed
            String token = Connection.randomSecret();
            pageToken = SandboxHome.of(paths).stateDir().resolve("page-token");
            try {
                PrivateFiles.writeString(pageToken, token + "\n");
            } catch (IOException e) {
                throw new UserError("error: cannot write " + pageToken + ": " + IoReasons.describe(e));
            }
            inForce = inForce.withDaemon(inForce.daemon().withHttpToken(Secret.of(token)));
        }
        Daemon daemon;
        try {
            GroupApi api = connection.api();
            daemon = Daemon.start(inForce, api, Daemon.Options.of(paths).withNode(node)
                    .withGitDir(gitDir).withHttpPort(httpPort));
        } catch (DaemonException e) {
            connection.close();
            throw new UserError("error: " + e.getMessage());
        }
        if (sandboxCloud) {
            connection.sandbox().get().setCloudWebhookUrl(URI.create("http://127.0.0.1:" + daemon.httpPort()
                    + "/hooks/cloud"));
        }
        if (sandboxEvents != null) {
            connection.sandbox().get().setCallbackUrl(URI.create("http://127.0.0.1:" + daemon.httpPort()
                    + "/hooks/sinch?secret=" + sandboxEvents.reveal()));
            err.println("roster: the sandbox API is at " + connection.sandbox().get().baseUrl() + " and sends its group"
                    + " events to this daemon; rename a group as a person would, and see it set back:");
            err.println("  curl -X POST " + connection.sandbox().get().baseUrl() + "/_sim/BOT/groups/GROUP_ID/subject"
                    + " -d '{\"subject\": \"Renamed\"}'");
        }
        if (pageToken != null) {
            err.println("roster: the operator's page is http://127.0.0.1:" + daemon.httpPort() + "/ ; sign in with the"
                    + " token in " + SandboxHome.shown(pageToken));
        }
        err.println("roster daemon " + daemon.node() + " running (" + settings.daemon().mode() + " mode, schedule '"
                + settings.daemon().schedule() + "'); http://" + settings.daemon().http().bind() + ":"
                + daemon.httpPort() + "/status");
        err.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            daemon.stop(GRACE);
            connection.close();
            stopped.countDown();
            // SIGTERM is the normal way to stop a daemon: exit 0, not the JVM's 143.
            Runtime.getRuntime().halt(ExitCodes.OK);
        }, "roster-daemon-shutdown"));
        stopped.await();
        return ExitCodes.OK;
    }

    /** The bots of the files, so that the sandbox knows them; nothing when they do not load yet. */
    private Set<BotId> sandboxBots(RosterSettings settings, PrintWriter err) {
        if (!global.sandbox || paths.stream().noneMatch(Files::exists)) {
            return Set.of();
        }
        try {
            return Inputs.loadDesired(paths, settings, err).state().bots();
        } catch (UserError e) {
            return Set.of();
        }
    }
}
