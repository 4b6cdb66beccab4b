package dev.roster.simulator;

import dev.roster.model.BotId;
import java.net.URI;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * How a {@link Simulator} runs.
 *
 * @param port          TCP port on 127.0.0.1; 0 picks a free ephemeral port
 * @param token         the only bearer token the simulator accepts
 * @param latencyMillis delay added to every API answer (the effect happens at once, the answer later)
 * @param failRate      probability in [0,1] that an API request is answered 503 before it has any effect
 * @param failAfterRate probability in [0,1] that a write takes effect and is then answered 503 (a lost answer)
 * @param seed          seed of the fault sequence and of invite links, so runs are repeatable
 * @param stateFile     YAML or JSON file that seeds the state (see {@link StateFile}); null for none
 * @param persist       write the state back to {@code stateFile} after each write and on close (needs a
 *                      state file when the simulator starts)
 * @param extraBots     bots that exist in addition to those of the state file
 * @param callbackUrl   where group event callbacks are POSTed (see {@link CallbackSender}); null for none.
 *                      Loopback only: {@code localhost}, {@code 127.0.0.0/8} or {@code [::1]}
 * @param callbackRetryDelayMillis delay before a failed callback is sent again, doubled for each further
 *                      attempt (the provider starts at 5 s; the simulator defaults to 200 ms)
 * @param cloud         settings of the Cloud API dialect (see {@link CloudSettings})
 * @param rateLimit     the server-side rate limit standing in for the provider's (see {@link RateLimit});
 *                      {@link RateLimit#NONE} (or null) for none
 */
public record SimulatorConfig(
        int port,
        String token,
        long latencyMillis,
        double failRate,
        double failAfterRate,
        long seed,
        Path stateFile,
        boolean persist,
        Set<BotId> extraBots,
        URI callbackUrl,
        long callbackRetryDelayMillis,
        CloudSettings cloud,
        RateLimit rateLimit) {

    public static final String DEFAULT_TOKEN = "roster-dev-token";
    public static final long DEFAULT_CALLBACK_RETRY_DELAY_MILLIS = 200;

    /** Without Cloud API settings of its own: {@link CloudSettings#defaults()}. */
    public SimulatorConfig(int port, String token, long latencyMillis, double failRate, double failAfterRate,
            long seed, Path stateFile, boolean persist, Set<BotId> extraBots, URI callbackUrl,
            long callbackRetryDelayMillis) {
        this(port, token, latencyMillis, failRate, failAfterRate, seed, stateFile, persist, extraBots, callbackUrl,
                callbackRetryDelayMillis, CloudSettings.defaults(), RateLimit.NONE);
    }

    /** Without a rate limit: {@link RateLimit#NONE}. */
    public SimulatorConfig(int port, String token, long latencyMillis, double failRate, double failAfterRate,
            long seed, Path stateFile, boolean persist, Set<BotId> extraBots, URI callbackUrl,
            long callbackRetryDelayMillis, CloudSettings cloud) {
        this(port, token, latencyMillis, failRate, failAfterRate, seed, stateFile, persist, extraBots, callbackUrl,
                callbackRetryDelayMillis, cloud, RateLimit.NONE);
    }

    public SimulatorConfig {
        Objects.requireNonNull(token, "token");
        cloud = cloud == null ? CloudSettings.defaults() : cloud;
        rateLimit = rateLimit == null ? RateLimit.NONE : rateLimit;
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
        }
        if (latencyMillis < 0) {
            throw new IllegalArgumentException("latency must not be negative: " + latencyMillis);
        }
        requireRate("fail rate", failRate);
        requireRate("fail-after rate", failAfterRate);
        extraBots = Collections.unmodifiableSortedSet(new TreeSet<>(extraBots == null ? Set.of() : extraBots));
        if (callbackUrl != null) {
            CallbackUrl.requireLoopback(callbackUrl);
        }
        if (callbackRetryDelayMillis < 0) {
            throw new IllegalArgumentException("callback retry delay must not be negative: "
                    + callbackRetryDelayMillis);
        }
    }

    /**
     * Port 0, {@link #DEFAULT_TOKEN}, no latency, no faults, seed 1, no state file, no bots, no callbacks
     * (retried after {@value #DEFAULT_CALLBACK_RETRY_DELAY_MILLIS} ms once set).
     */
    public static SimulatorConfig defaults() {
        return new SimulatorConfig(0, DEFAULT_TOKEN, 0, 0.0, 0.0, 1, null, false, Set.of(), null,
                DEFAULT_CALLBACK_RETRY_DELAY_MILLIS);
    }

    public SimulatorConfig withPort(int value) {
        return new SimulatorConfig(value, token, latencyMillis, failRate, failAfterRate, seed, stateFile, persist,
                extraBots, callbackUrl, callbackRetryDelayMillis, cloud, rateLimit);
    }

    public SimulatorConfig withToken(String value) {
        return new SimulatorConfig(port, value, latencyMillis, failRate, failAfterRate, seed, stateFile, persist,
                extraBots, callbackUrl, callbackRetryDelayMillis, cloud, rateLimit);
    }

    public SimulatorConfig withLatency(long millis) {
        return new SimulatorConfig(port, token, millis, failRate, failAfterRate, seed, stateFile, persist,
                extraBots, callbackUrl, callbackRetryDelayMillis, cloud, rateLimit);
    }

    public SimulatorConfig withFailRate(double value) {
        return new SimulatorConfig(port, token, latencyMillis, value, failAfterRate, seed, stateFile, persist,
                extraBots, callbackUrl, callbackRetryDelayMillis, cloud, rateLimit);
    }

    public SimulatorConfig withFailAfterRate(double value) {
        return new SimulatorConfig(port, token, latencyMillis, failRate, value, seed, stateFile, persist,
                extraBots, callbackUrl, callbackRetryDelayMillis, cloud, rateLimit);
    }

    public SimulatorConfig withSeed(long value) {
        return new SimulatorConfig(port, token, latencyMillis, failRate, failAfterRate, value, stateFile, persist,
                extraBots, callbackUrl, callbackRetryDelayMillis, cloud, rateLimit);
    }

    /** Seeds the state from {@code file}; with {@code persistChanges}, writes it back. */
    public SimulatorConfig withStateFile(Path file, boolean persistChanges) {
        return new SimulatorConfig(port, token, latencyMillis, failRate, failAfterRate, seed, file, persistChanges,
                extraBots, callbackUrl, callbackRetryDelayMillis, cloud, rateLimit);
    }

    /** Seeds the state from {@code file} (which need not exist yet), keeping {@link #persist()} as it is. */
    public SimulatorConfig withStateFile(Path file) {
        return withStateFile(file, persist);
    }

    public SimulatorConfig withPersist(boolean value) {
        return new SimulatorConfig(port, token, latencyMillis, failRate, failAfterRate, seed, stateFile, value,
                extraBots, callbackUrl, callbackRetryDelayMillis, cloud, rateLimit);
    }

    /** Replaces the extra bots. */
    public SimulatorConfig withBots(Set<BotId> bots) {
        return new SimulatorConfig(port, token, latencyMillis, failRate, failAfterRate, seed, stateFile, persist,
                bots, callbackUrl, callbackRetryDelayMillis, cloud, rateLimit);
    }

    /** Replaces the extra bots. */
    public SimulatorConfig withBots(BotId... bots) {
        return withBots(Set.of(bots));
    }

    /** Adds one bot to the extra bots. */
    public SimulatorConfig withBot(BotId bot) {
        Set<BotId> all = new TreeSet<>(extraBots);
        all.add(bot);
        return withBots(all);
    }

    /** Sends group event callbacks to {@code url} (loopback only), or none when null. */
    public SimulatorConfig withCallbackUrl(URI url) {
        return new SimulatorConfig(port, token, latencyMillis, failRate, failAfterRate, seed, stateFile, persist,
                extraBots, url, callbackRetryDelayMillis, cloud, rateLimit);
    }

    public SimulatorConfig withCallbackRetryDelay(long millis) {
        return new SimulatorConfig(port, token, latencyMillis, failRate, failAfterRate, seed, stateFile, persist,
                extraBots, callbackUrl, millis, cloud, rateLimit);
    }

    /** Replaces the Cloud API dialect's settings. */
    public SimulatorConfig withCloud(CloudSettings value) {
        return new SimulatorConfig(port, token, latencyMillis, failRate, failAfterRate, seed, stateFile, persist,
                extraBots, callbackUrl, callbackRetryDelayMillis, value, rateLimit);
    }

    /**
     * Answers 429 above {@code perSecond} API requests in any sliding second, counted per {@code scope} (see
     * {@link RateLimit}); {@code perSecond} must be above 0.
     */
    public SimulatorConfig withRateLimit(double perSecond, RateLimitScope scope) {
        return withRateLimit(RateLimit.of(perSecond, scope));
    }

    /** Replaces the rate limit; {@link RateLimit#NONE} removes it. */
    public SimulatorConfig withRateLimit(RateLimit value) {
        return new SimulatorConfig(port, token, latencyMillis, failRate, failAfterRate, seed, stateFile, persist,
                extraBots, callbackUrl, callbackRetryDelayMillis, cloud, value);
    }

    private static void requireRate(String name, double rate) {
        if (!(rate >= 0.0 && rate <= 1.0)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1: " + rate);
        }
    }

    /** Never shows the token, nor the callback URL's query. */
    @Override
    public String toString() {
        return "SimulatorConfig[port=" + port + ", token=****, latencyMillis=" + latencyMillis
                + ", failRate=" + failRate + ", failAfterRate=" + failAfterRate + ", seed=" + seed
                + ", stateFile=" + stateFile + ", persist=" + persist + ", extraBots=" + extraBots
                + ", callbackUrl=" + (callbackUrl == null ? null : CallbackUrl.redacted(callbackUrl))
                + ", callbackRetryDelayMillis=" + callbackRetryDelayMillis + ", cloud=" + cloud
                + ", rateLimit=" + rateLimit + "]";
    }
}
