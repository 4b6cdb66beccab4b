package dev.roster.api.http;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The OkHttp client the adapters send through (HTTP/2 over TLS where the server offers it). It never retries or
 * follows a redirect on its own: a create must be sent at most once, and {@link SafeCallRetryer} alone decides what
 * is sent again. A client for a plain-http base URL (loopback: the simulator, the sandbox) speaks cleartext only, so
 * that building it skips the TLS set-up (the JDK's trust store and an SSL context: 80-100 ms of CPU in a fresh JVM).
 */
public final class Transport {
    /** Idle keep-alive connections kept for reuse: more than any sensible {@code api.maxConcurrency}. */
    private static final int IDLE_CONNECTIONS = 256;

    private Transport() {}

    /**
     * @param baseUrl     where the calls go: with {@code http} the client has no TLS at all
     * @param callTimeout how long one attempt may take in all (OkHttp's call timeout)
     */
    public static okhttp3.OkHttpClient okHttp(URI baseUrl, Duration connectTimeout, Duration readTimeout,
            Duration callTimeout) {
        okhttp3.OkHttpClient.Builder builder = new okhttp3.OkHttpClient.Builder();
        if ("http".equalsIgnoreCase(baseUrl.getScheme())) {
            builder.connectionSpecs(List.of(okhttp3.ConnectionSpec.CLEARTEXT));
        }
        return builder
                .connectTimeout(connectTimeout)
                .readTimeout(readTimeout)
                .callTimeout(callTimeout)
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .connectionPool(new okhttp3.ConnectionPool(IDLE_CONNECTIONS, 1, TimeUnit.MINUTES))
                .build();
    }
}
