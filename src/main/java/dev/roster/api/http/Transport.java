package dev.roster.api.http;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The OkHttp client the adapters send through (HTTP/2 over TLS where the server offers it). It never retries or
 * follows a redirect on its own: a create must be sent at most once, and {@link SafeCallRetryer} alone decides what
 * is sent again.
 */
public final class Transport {
    /** Idle keep-alive connections kept for reuse: more than any sensible {@code api.maxConcurrency}. */
    private static final int IDLE_CONNECTIONS = 256;

    private Transport() {}

    /** @param callTimeout how long one attempt may take in all (OkHttp's call timeout) */
    public static okhttp3.OkHttpClient okHttp(Duration connectTimeout, Duration readTimeout, Duration callTimeout) {
        return new okhttp3.OkHttpClient.Builder()
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
