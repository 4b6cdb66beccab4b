package dev.roster.api.sinch;

import dev.roster.api.http.Endpoints;
import dev.roster.api.RetryPolicy;
import dev.roster.model.BotId;
import dev.roster.model.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * How to reach the Sinch WhatsApp v1 group API.
 *
 * @param baseUrl        scheme, host and port, e.g. {@code https://eu1.whatsapp.api.sinch.com}; the
 *                       {@code /whatsapp/v1/...} paths are appended to it
 * @param tokens         the bearer token for each bot; may return null (or an empty secret) for a bot
 *                       that has none, which makes every call for that bot fail with
 *                       {@link dev.roster.api.ApiException.Unauthorized} without a request being sent
 * @param connectTimeout how long to wait for a TCP connection
 * @param readTimeout    how long to wait for each read of the answer (the gap between two packets)
 * @param retry          how transient failures of safe calls are retried
 * @param callTimeout    how long one attempt of a call may take in all: connecting, sending, waiting and reading
 *                       the whole answer (OkHttp's call timeout). Each retry has its own; the retry policy's
 *                       {@code maxTotal} bounds when the last one may start, so a call with retries ends within
 *                       {@code maxTotal + callTimeout}, and within a run's {@link dev.roster.api.RunDeadline}
 */
public record SinchOptions(
        URI baseUrl, Function<BotId, Secret> tokens, Duration connectTimeout, Duration readTimeout, RetryPolicy retry,
        Duration callTimeout) {

    /** The default {@link #callTimeout}. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(30);

    public SinchOptions {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(callTimeout, "callTimeout");
        Endpoints.check(baseUrl, connectTimeout, readTimeout, callTimeout);
    }

    /** Options with the {@link #DEFAULT_CALL_TIMEOUT default call timeout}. */
    public SinchOptions(URI baseUrl, Function<BotId, Secret> tokens, Duration connectTimeout, Duration readTimeout,
            RetryPolicy retry) {
        this(baseUrl, tokens, connectTimeout, readTimeout, retry, DEFAULT_CALL_TIMEOUT);
    }

    /** Options with one token for every bot, the default timeouts (5 s, 30 s) and retry policy. */
    public static SinchOptions of(URI baseUrl, Secret token) {
        return new SinchOptions(baseUrl, bot -> token, Duration.ofSeconds(5), Duration.ofSeconds(30),
                RetryPolicy.DEFAULT);
    }

    public SinchOptions withRetry(RetryPolicy newRetry) {
        return new SinchOptions(baseUrl, tokens, connectTimeout, readTimeout, newRetry, callTimeout);
    }

    public SinchOptions withTimeouts(Duration connect, Duration read) {
        return new SinchOptions(baseUrl, tokens, connect, read, retry, callTimeout);
    }

    public SinchOptions withCallTimeout(Duration newCallTimeout) {
        return new SinchOptions(baseUrl, tokens, connectTimeout, readTimeout, retry, newCallTimeout);
    }

    @Override
    public String toString() {
        return "SinchOptions[baseUrl=" + baseUrl + ", connectTimeout=" + connectTimeout + ", readTimeout="
                + readTimeout + ", callTimeout=" + callTimeout + ", retry=" + retry + "]";
    }
}
