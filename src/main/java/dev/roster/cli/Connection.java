package dev.roster.cli;

import dev.roster.api.GroupApi;
import dev.roster.api.ProviderRouter;
import dev.roster.api.RateLimiter;
import dev.roster.api.cloud.CloudGroupApi;
import dev.roster.api.cloud.CloudOptions;
import dev.roster.api.sinch.SinchGroupApi;
import dev.roster.api.sinch.SinchOptions;
import dev.roster.config.IoReasons;
import dev.roster.config.RosterSettings;
import dev.roster.files.PrivateFiles;
import dev.roster.model.BotId;
import dev.roster.model.Capabilities;
import dev.roster.model.Provider;
import dev.roster.model.Secret;
import dev.roster.simulator.CloudSettings;
import dev.roster.simulator.Simulator;
import dev.roster.simulator.SimulatorConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

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
                provider ? CompletableFuture.supplyAsync(() -> client(settings), Connection::daemonThread) : null);
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
            String missing = missingToken(settings.api(), bots);
            if (client == null || missing != null) {
                throw new UserError("error: no API token" + (missing == null ? "" : " for " + missing)
                        + ": set SINCH_API_TOKEN for bots on the v1 API, WHATSAPP_CLOUD_TOKEN for bots on the Cloud API "
                        + "(or api.token, api.tokens, api.bots.<bot>.token in the settings file), or try --sandbox");
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
        return api.token() != null || api.cloudToken() != null || !api.tokens().isEmpty()
                || api.bots().values().stream().anyMatch(b -> b.token() != null);
    }

    /** The first of {@code bots} (with its provider) that has no token, or null when every one has. */
    private static String missingToken(RosterSettings.Api api, Set<BotId> bots) {
        return bots.stream().sorted().filter(b -> api.tokenFor(b) == null).findFirst()
                .map(b -> "bot " + b + " (provider " + api.providerOf(b).settingName() + ")").orElse(null);
    }

    /** The client of {@code api.provider} at {@code api.baseUrl}, for every bot (a daemon's tests). */
    static GroupApi client(RosterSettings.Api api) {
        return client(RosterSettings.defaults().withApi(api));
    }

    /**
     * A client for every bot of the settings: each bot's calls go to its provider at its base URL, one Feign client
     * (and one rate limit) per provider and URL, built when a bot first needs it. The client of {@code api.provider}
     * at {@code api.baseUrl} is built at once.
     */
    static GroupApi client(RosterSettings settings) {
        RosterSettings.Api api = settings.api();
        Map<String, GroupApi> clients = new ConcurrentHashMap<>();
        Function<BotId, GroupApi> clientOf = bot -> clients.computeIfAbsent(
                api.providerOf(bot) + " " + api.baseUrlOf(bot), k -> build(api, api.providerOf(bot),
                        api.baseUrlOf(bot), settings.capabilitiesOf(bot)));
        clients.put(api.provider() + " " + api.baseUrl(), build(api, api.provider(), api.baseUrl(),
                settings.capabilitiesOf(api.provider())));
        return new ProviderRouter(clientOf, settings::capabilitiesOf);
    }

    private static GroupApi build(RosterSettings.Api api, Provider provider, URI baseUrl, Capabilities capabilities) {
        RateLimiter limiter = api.requestsPerSecond().limiter(api.maxConcurrency());
        return switch (provider) {
            case SINCH -> SinchGroupApi.create(new SinchOptions(baseUrl, api::tokenFor, api.connectTimeout(),
                    api.readTimeout(), api.retry(), api.callTimeout()), limiter);
            case CLOUD -> CloudGroupApi.create(new CloudOptions(baseUrl, api::tokenFor, api.connectTimeout(),
                    api.readTimeout(), api.retry(), api.callTimeout(), capabilities), limiter);
        };
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
            RosterSettings sandboxed = settings.withApi(toSandbox(settings.api(), simulator, bots))
                    .withAudit(new RosterSettings.Audit(home.auditFile()));
            return new Connection(client(sandboxed), simulator, sandboxed);
        } catch (IOException e) {
            throw new UserError("error: cannot start the sandbox in " + home.stateDir() + ": " + IoReasons.describe(e));
        }
    }

    /**
     * The settings with every bot pointed at the simulator with its token: v1 bots at its root, Cloud API bots at
     * its Graph dialect ({@code /v23.0}).
     */
    static RosterSettings.Api toSandbox(RosterSettings.Api api, Simulator simulator, Collection<BotId> bots) {
        Secret token = Secret.of(SimulatorConfig.DEFAULT_TOKEN);
        Map<BotId, RosterSettings.BotApi> pointed = new HashMap<>();
        for (BotId bot : bots) {
            Provider provider = api.providerOf(bot);
            URI url = provider == Provider.CLOUD ? simulator.cloudBaseUrl() : simulator.baseUrl();
            pointed.put(bot, new RosterSettings.BotApi(provider, url, null));
        }
        URI base = api.provider() == Provider.CLOUD ? simulator.cloudBaseUrl() : simulator.baseUrl();
        return api.withBaseUrl(base).withToken(token).withBots(pointed, token);
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
