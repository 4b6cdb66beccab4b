package dev.roster.cli;

import dev.roster.model.BotId;
import dev.roster.model.Msisdn;
import dev.roster.simulator.RateLimit;
import dev.roster.simulator.RateLimitScope;
import dev.roster.simulator.Simulator;
import dev.roster.simulator.SimulatorConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code roster simulator}: serves the group API simulator on 127.0.0.1 until Ctrl-C (SIGTERM), then stops,
 * writing the state back to {@code --state} when {@code --persist} is given.
 */
@Command(name = "simulator", mixinStandardHelpOptions = true,
        description = {"Runs the local group API simulator on 127.0.0.1 until Ctrl-C.",
                "API: http://127.0.0.1:PORT/whatsapp/v1/{bot}/groups; test helpers under /_sim/."})
final class SimulatorCommand implements Callable<Integer> {
    static final int DEFAULT_PORT = 8085;

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions global;

    @Option(names = "--port", paramLabel = "N", defaultValue = "" + DEFAULT_PORT,
            description = "Port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--state", paramLabel = "FILE",
            description = "YAML or JSON file with bots and groups to start from.")
    Path stateFile;

    @Option(names = "--persist", description = "Write the state back to --state after each change and on exit.")
    boolean persist;

    @Option(names = "--token", paramLabel = "T", defaultValue = SimulatorConfig.DEFAULT_TOKEN,
            description = "The bearer token to accept (default: ${DEFAULT-VALUE}).")
    String token;

    @Option(names = "--latency", paramLabel = "MS", defaultValue = "0",
            description = "Delay every answer by MS milliseconds (default: ${DEFAULT-VALUE}).")
    long latencyMillis;

    @Option(names = "--fail-rate", paramLabel = "P", defaultValue = "0",
            description = "Answer this share of requests 503 before any effect, 0 to 1 (default: ${DEFAULT-VALUE}).")
    double failRate;

    @Option(names = "--fail-after-rate", paramLabel = "P", defaultValue = "0",
            description = "Apply this share of writes, then answer 503 anyway, 0 to 1 (default: ${DEFAULT-VALUE}).")
    double failAfterRate;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seed of the fault sequence (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--bot", paramLabel = "NUMBER",
            description = "A bot to create, by its number (repeatable).")
    List<String> bots = new ArrayList<>();

    @Option(names = "--callback-url", paramLabel = "URL",
            description = {"POST the provider's group event callbacks to URL (loopback only, e.g.",
                    "http://127.0.0.1:9464/hooks/sinch); PUT /_sim/callback changes it at run time."})
    String callbackUrl;

    @Option(names = "--cloud-app-secret", paramLabel = "S",
            description = "Sign the Cloud API webhooks (X-Hub-Signature-256) with this app secret; unset: unsigned.")
    String cloudAppSecret;

    @Option(names = "--cloud-create-delay", paramLabel = "MS",
            defaultValue = "" + dev.roster.simulator.CloudSettings.DEFAULT_CREATE_DELAY_MILLIS,
            description = "A Cloud API group appears this long after its create request (default: ${DEFAULT-VALUE}).")
    long cloudCreateDelayMillis;

    @Option(names = "--rate-limit", paramLabel = "R",
            description = "Answer 429 with Retry-After above R API requests in any sliding second, as a provider's"
                    + " rate limit would; the refused request has no effect (default: no limit).")
    Double rateLimit;

    @Option(names = "--rate-limit-by", paramLabel = "SCOPE",
            description = "What --rate-limit counts: all (the whole server) or bot (each bot apart) (default: all).")
    String rateLimitBy;

    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch stop = new CountDownLatch(1);
    private volatile Simulator running;

    @Override
    public Integer call() throws IOException, InterruptedException {
        SimulatorConfig config = config();
        Simulator sim = Simulator.start(config);
        running = sim;
        Thread hook = new Thread(() -> {
            sim.close();
            stop.countDown();
        }, "roster-simulator-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        spec.commandLine().getOut().println(banner(sim));
        spec.commandLine().getOut().println("Cloud API (Meta's WhatsApp Cloud API dialect): " + sim.cloudBaseUrl());
        spec.commandLine().getOut().flush();
        started.countDown();
        try {
            stop.await();
        } finally {
            sim.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run
            }
        }
        return ExitCodes.OK;
    }

    private SimulatorConfig config() {
        CommandLine cli = spec.commandLine();
        if (port < 0 || port > 65535) {
            throw new CommandLine.ParameterException(cli, "--port must be between 0 and 65535, got " + port);
        }
        if (latencyMillis < 0) {
            throw new CommandLine.ParameterException(cli, "--latency must not be negative, got " + latencyMillis);
        }
        requireRate(cli, "--fail-rate", failRate);
        requireRate(cli, "--fail-after-rate", failAfterRate);
        if (persist && stateFile == null) {
            throw new CommandLine.ParameterException(cli, "--persist needs --state FILE");
        }
        if (token.isBlank()) {
            throw new CommandLine.ParameterException(cli, "--token must not be empty");
        }
        Set<BotId> botIds = new LinkedHashSet<>();
        for (String bot : bots) {
            try {
                botIds.add(BotId.of(Msisdn.parse(bot).digits()));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cli, "--bot: " + e.getMessage());
            }
        }
        SimulatorConfig config = new SimulatorConfig(port, token, latencyMillis, failRate, failAfterRate, seed,
                stateFile, persist, botIds, null, SimulatorConfig.DEFAULT_CALLBACK_RETRY_DELAY_MILLIS,
                cloudSettings(cli), rateLimit(cli));
        if (callbackUrl == null) {
            return config;
        }
        try {
            return config.withCallbackUrl(new URI(callbackUrl.trim()));
        } catch (URISyntaxException e) {
            throw new CommandLine.ParameterException(cli, "--callback-url is not a valid URL");
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cli, "--callback-url: " + e.getMessage());
        }
    }

    private RateLimit rateLimit(CommandLine cli) {
        RateLimitScope scope = RateLimitScope.ALL;
        if (rateLimitBy != null) {
            scope = switch (rateLimitBy.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "all" -> RateLimitScope.ALL;
                case "bot" -> RateLimitScope.BOT;
                default -> throw new CommandLine.ParameterException(cli,
                        "--rate-limit-by must be all or bot, got '" + rateLimitBy + "'");
            };
            if (rateLimit == null) {
                throw new CommandLine.ParameterException(cli, "--rate-limit-by needs --rate-limit R");
            }
        }
        if (rateLimit == null) {
            return RateLimit.NONE;
        }
        if (!(rateLimit > 0 && rateLimit <= RateLimit.MAX_PER_SECOND)) {
            throw new CommandLine.ParameterException(cli, "--rate-limit must be above 0 and at most "
                    + (long) RateLimit.MAX_PER_SECOND + " requests per second, got " + rateLimit);
        }
        return RateLimit.of(rateLimit, scope);
    }

    private static void requireRate(CommandLine cli, String option, double rate) {
        if (!(rate >= 0.0 && rate <= 1.0)) {
            throw new CommandLine.ParameterException(cli, option + " must be between 0 and 1, got " + rate);
        }
    }

    private String banner(Simulator sim) {
        String tokenHint = token.equals(SimulatorConfig.DEFAULT_TOKEN)
                ? "token " + SimulatorConfig.DEFAULT_TOKEN
                : "token as given by --token";
        List<String> known = sim.state().bots().stream().map(BotId::value).toList();
        String state = stateFile == null ? "" : ", state " + stateFile + (persist ? " (persisted)" : " (not saved)");
        RateLimit limit = sim.config().rateLimit();
        String limited = !limit.enabled() ? "" : ", at most " + rateText(limit.perSecond()) + " requests/s"
                + (limit.scope() == RateLimitScope.BOT ? " per bot" : "");
        return "Simulator listening on " + sim.baseUrl() + " (" + tokenHint + ", bots "
                + (known.isEmpty() ? "none" : String.join(" ", known)) + state + limited + "); Ctrl-C stops it.";
    }

    private static String rateText(double perSecond) {
        return perSecond == Math.rint(perSecond) ? Long.toString((long) perSecond) : Double.toString(perSecond);
    }

    /** Waits until the simulator serves, for tests; null when it did not start in time. */
    Simulator awaitStarted(long seconds) throws InterruptedException {
        return started.await(seconds, TimeUnit.SECONDS) ? running : null;
    }

    /** Stops a running simulator as Ctrl-C would; for tests. */
    void stop() {
        stop.countDown();
    }

    private dev.roster.simulator.CloudSettings cloudSettings(CommandLine cli) {
        try {
            return new dev.roster.simulator.CloudSettings(cloudCreateDelayMillis,
                    dev.roster.simulator.CloudSettings.DEFAULT_MAX_PARTICIPANTS,
                    cloudAppSecret == null || cloudAppSecret.isBlank() ? null : cloudAppSecret);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cli, "--cloud-create-delay: " + e.getMessage());
        }
    }
}
