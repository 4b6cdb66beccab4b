package dev.roster.api.http;

import java.net.URI;
import java.time.Duration;

/** The checks every adapter's options make of where and how long it talks to its provider. */
public final class Endpoints {
    private Endpoints() {
    }

    /**
     * Throws {@link IllegalArgumentException} unless {@code baseUrl} is an http(s) URL with a host and every timeout
     * is positive.
     */
    public static void check(URI baseUrl, Duration... timeouts) {
        String scheme = baseUrl.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("API base URL must be an http or https URL with a host: " + baseUrl);
        }
        for (Duration timeout : timeouts) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeouts must be positive");
            }
        }
    }
}
