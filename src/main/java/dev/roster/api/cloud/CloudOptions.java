package dev.roster.api.cloud;

import dev.roster.api.http.Endpoints;
import dev.roster.api.RetryPolicy;
import dev.roster.model.BotId;
import dev.roster.model.Capabilities;
import dev.roster.model.Provider;
import dev.roster.model.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * How to reach Meta's WhatsApp Cloud API.
 *
 * @param baseUrl        the Graph base with its version, e.g. {@code https://graph.facebook.com/v23.0}; the
 *                       {@code /{phone-number-id}/groups} and {@code /{group-id}} paths are appended to it
 * @param tokens         the system-user token for each bot (business phone-number id); may return null (or an empty
 *                       secret), which makes every call for that bot fail with
 *                       {@link dev.roster.api.ApiException.Unauthorized} without a request being sent
 * @param connectTimeout how long to wait for a TCP connection
 * @param readTimeout    how long to wait for each read of the answer
 * @param retry          how transient failures of safe calls are retried
 * @param callTimeout    how long one attempt of a call may take in all (OkHttp's call timeout)
 * @param capabilities   what every bot of this client can do ({@link Capabilities#cloud(int)} with the configured
 *                       participant limit)
 */
public record CloudOptions(URI baseUrl, Function<BotId, Secret> tokens, Duration connectTimeout, Duration readTimeout,
        RetryPolicy retry, Duration callTimeout, Capabilities capabilities) {

    /** Meta's Graph base, with the version the reference describes. */
    public static final URI GRAPH_BASE_URL = URI.create("https://graph.facebook.com/v23.0");
    /** The default {@link #callTimeout}. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(30);

    public CloudOptions {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(callTimeout, "callTimeout");
        capabilities = capabilities == null ? Capabilities.cloud(Capabilities.CLOUD_MAX_PARTICIPANTS) : capabilities;
        Endpoints.check(baseUrl, connectTimeout, readTimeout, callTimeout);
        if (capabilities.provider() != Provider.CLOUD) {
            throw new IllegalArgumentException("capabilities of another provider: " + capabilities.provider());
        }
    }

    /** Options with one token for every bot, the default timeouts (5 s, 30 s, call 30 s), retry and capabilities. */
    public static CloudOptions of(URI baseUrl, Secret token) {
        return new CloudOptions(baseUrl, bot -> token, Duration.ofSeconds(5), Duration.ofSeconds(30),
                RetryPolicy.DEFAULT, DEFAULT_CALL_TIMEOUT, null);
    }

    public CloudOptions withRetry(RetryPolicy newRetry) {
        return new CloudOptions(baseUrl, tokens, connectTimeout, readTimeout, newRetry, callTimeout, capabilities);
    }

    public CloudOptions withTimeouts(Duration connect, Duration read) {
        return new CloudOptions(baseUrl, tokens, connect, read, retry, callTimeout, capabilities);
    }

    public CloudOptions withCallTimeout(Duration newCallTimeout) {
        return new CloudOptions(baseUrl, tokens, connectTimeout, readTimeout, retry, newCallTimeout, capabilities);
    }

    public CloudOptions withCapabilities(Capabilities newCapabilities) {
        return new CloudOptions(baseUrl, tokens, connectTimeout, readTimeout, retry, callTimeout, newCapabilities);
    }

    @Override
    public String toString() {
        return "CloudOptions[baseUrl=" + baseUrl + ", connectTimeout=" + connectTimeout + ", readTimeout="
                + readTimeout + ", callTimeout=" + callTimeout + ", retry=" + retry + ", maxParticipants="
                + capabilities.maxParticipants() + "]";
    }
}
