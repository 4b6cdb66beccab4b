package dev.roster.cli;

import dev.roster.api.GroupApi;
import dev.roster.api.RateLimiter;
import dev.roster.api.sinch.SinchGroupApi;
import dev.roster.api.sinch.SinchOptions;
import dev.roster.config.IoReasons;
import dev.roster.config.RosterSettings;
import dev.roster.files.PrivateFiles;
import dev.roster.model.BotId;
import dev.roster.model.Secret;
import dev.roster.simulator.CloudSettings;
import dev.roster.simulator.Simulator;
import dev.roster.simulator.SimulatorConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The group API a command talks to: the provider's, or with {@code --sandbox} an embedded simulator whose
 * state lives beside the desired-state files ({@link SandboxHome}), so that plan, apply and plan again continue
 * one story. The sandbox starts from {@code .sandbox.yaml} there when there is one (the simulator's
 * state-file format), else from empty bots.
 */
final class Connection implements AutoCloseable {

    private final GroupApi api;
    private final Simulator sandbox;
    private final RosterSettings settings;

    private Connection(GroupApi api, Simulator sandbox, RosterSettings settings) {
        this.api = api;
        this.sandbox = sandbox;
        this.settings = settings;
    }

    GroupApi api() {
        return api;
    }

    /** The embedded simulator with {@code --sandbox}; empty otherwise. */
    java.util.Optional<Simulator> sandbox() {
        return java.util.Optional.ofNullable(sandbox);
    }

    /** The settings in force, with the sandbox's URL and token when in the sandbox. */
    RosterSettings settings() {
        return settings;
    }

    static Connection open(GlobalOptions global, RosterSettings settings, List<Path> paths, Set<BotId> bots,
            PrintWriter err) {
        return prepare(global, settings).open(paths, bots, err);
    }

    /**
     * Starts building the provider's client on another thread, for a command that loads its files meanwhile:
     * building it loads and links the HTTP, JSON and Feign classes, 0.3-0.8 s of a plan's start. Nothing is
     * sent before {@link Pending#open}; without a token nothing starts and {@code open} reports it, so that
     * invalid files are still reported first.
     */
    static Pending prepare(GlobalOptions global, RosterSettings settings) {
        boolean provider = !global.sandbox && hasToken(settings.api());
        return new Pending(global, settings,
                provider ? CompletableFuture.supplyAsync(() -> client(settings.api()), Connection::daemonThread) : null);
    }

    /** A connection whose client may be under construction; see {@link #prepare}. */
    static final class Pending {
        private final GlobalOptions global;
        private final RosterSettings settings;
        private final CompletableFuture<GroupApi> client;

        private Pending(GlobalOptions global, RosterSettings settings, CompletableFuture<GroupApi> client) {
            this.global = global;
            this.settings = settings;
            this.client = client;
        }

        /** The connection for {@code bots} (the sandbox's bots; the provider's client serves any bot). */
        Connection open(List<Path> paths, Set<BotId> bots, PrintWriter err) {
            if (global.sandbox) {
                return sandbox(settings, paths, bots, err);
            }
            if (client == null) {
                throw new UserError("error: no API token: set SINCH_API_TOKEN (or api.token in the settings file), "
                        + "or try --sandbox");
            }
            try {
                return new Connection(client.join(), null, settings);
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
    }

    private static void daemonThread(Runnable work) {
        Thread thread = new Thread(work, "roster-client-setup");
        thread.setDaemon(true);
        thread.start();
    }

    private static boolean hasToken(RosterSettings.Api api) {
        return api.token() != null || !api.tokens().isEmpty();
    }

    static GroupApi client(RosterSettings.Api api) {
        SinchOptions options = new SinchOptions(api.baseUrl(), api::tokenFor, api.connectTimeout(), api.readTimeout(),
                api.retry(), api.callTimeout());
        return SinchGroupApi.create(options, new RateLimiter(api.requestsPerSecond(), RateLimiter.Ticker.SYSTEM));
    }

    private static Connection sandbox(RosterSettings settings, List<Path> paths, Collection<BotId> bots,
            PrintWriter err) {
        SandboxHome home = SandboxHome.of(paths);
        Path state = home.stateFile();
        try {
            if (!Files.exists(state)) {
                Files.createDirectories(home.stateDir());
                Path seed = home.seed();
                if (seed != null) {
                    PrivateFiles.copy(seed, state);
                }
                err.println("roster: new sandbox in " + SandboxHome.shown(home.stateDir())
                        + (seed == null ? "" : ", from " + SandboxHome.shown(seed))
                        + " (delete that folder to start over)");
                err.flush();
            }
            SimulatorConfig config = SimulatorConfig.defaults()
                    .withBots(Set.copyOf(bots))
                    .withStateFile(state, true)
                    .withCloud(new CloudSettings(CloudSettings.DEFAULT_CREATE_DELAY_MILLIS,
                            CloudSettings.DEFAULT_MAX_PARTICIPANTS, randomSecret()));
            Simulator simulator = Simulator.start(config);
            RosterSettings.Api api = settings.api()
                    .withBaseUrl(simulator.baseUrl())
                    .withToken(Secret.of(SimulatorConfig.DEFAULT_TOKEN));
            return new Connection(client(api), simulator,
                    settings.withApi(api).withAudit(new RosterSettings.Audit(home.auditFile())));
        } catch (IOException e) {
            throw new UserError("error: cannot start the sandbox in " + home.stateDir() + ": " + IoReasons.describe(e));
        }
    }

    /** 32 random hex digits: a secret for this process only (the sandbox's webhooks, the daemon's hooks). */
    static String randomSecret() {
        return HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    }

    @Override
    public void close() {
        if (sandbox != null) {
            sandbox.close();
        }
    }
}
