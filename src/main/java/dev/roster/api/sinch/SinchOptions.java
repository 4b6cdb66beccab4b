package dev.roster.api.sinch;

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
 * @param readTimeout    how long to wait for an answer once the request is sent
 * @param retry          how transient failures of safe calls are retried
 */
public record SinchOptions(
        URI baseUrl, Function<BotId, Secret> tokens, Duration connectTimeout, Duration readTimeout, RetryPolicy retry) {

    public SinchOptions {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(retry, "retry");
        String scheme = baseUrl.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("API base URL must be an http or https URL with a host: " + baseUrl);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    /** Options with one token for every bot, the default timeouts (5 s, 30 s) and retry policy. */
    public static SinchOptions of(URI baseUrl, Secret token) {
        return new SinchOptions(baseUrl, bot -> token, Duration.ofSeconds(5), Duration.ofSeconds(30),
                RetryPolicy.DEFAULT);
    }

    public SinchOptions withRetry(RetryPolicy newRetry) {
        return new SinchOptions(baseUrl, tokens, connectTimeout, readTimeout, newRetry);
    }

    public SinchOptions withTimeouts(Duration connect, Duration read) {
        return new SinchOptions(baseUrl, tokens, connect, read, retry);
    }

    @Override
    public String toString() {
        return "SinchOptions[baseUrl=" + baseUrl + ", connectTimeout=" + connectTimeout + ", readTimeout="
                + readTimeout + ", retry=" + retry + "]";
    }
}
