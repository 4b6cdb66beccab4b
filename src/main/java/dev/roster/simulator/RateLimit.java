package dev.roster.simulator;

import java.util.Objects;

/**
 * The simulator's server-side rate limit, standing in for the provider's: at most {@code perSecond} API requests
 * (both dialects; not the {@code /_sim/} endpoints) in any sliding one-second window, per {@link RateLimitScope}.
 * Requests above it are answered 429 with {@code Retry-After} (whole seconds until a slot frees, at least 1) and
 * have no effect; they do not count toward the window. A non-integral rate admits {@code floor(perSecond)}
 * requests a second; below 1, one request every {@code 1/perSecond} seconds.
 *
 * @param perSecond requests per second, above 0 and at most {@value #MAX_PER_SECOND}; 0 with scope
 *                  {@link RateLimitScope#ALL} is {@link #NONE}
 * @param scope     one window for the server, or one per bot
 */
public record RateLimit(double perSecond, RateLimitScope scope) {
    /** The largest limit: each window keeps one timestamp per request it admits. */
    public static final double MAX_PER_SECOND = 100_000;

    /** No limit. */
    public static final RateLimit NONE = new RateLimit(0, RateLimitScope.ALL);

    public RateLimit {
        Objects.requireNonNull(scope, "scope");
        if (!(perSecond >= 0 && perSecond <= MAX_PER_SECOND)) {
            throw new IllegalArgumentException("rate limit must be above 0 and at most " + (long) MAX_PER_SECOND
                    + " requests per second: " + perSecond);
        }
    }

    /** A limit of {@code perSecond} requests a second, above 0. */
    public static RateLimit of(double perSecond, RateLimitScope scope) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("rate limit must be above 0 requests per second: " + perSecond);
        }
        return new RateLimit(perSecond, scope);
    }

    public boolean enabled() {
        return perSecond > 0;
    }

    /** Requests a window admits: {@code floor(perSecond)}, at least 1. */
    int capacity() {
        return (int) Math.max(1, Math.floor(perSecond));
    }

    /** The window's length: one second, or {@code 1/perSecond} seconds below 1 request a second. */
    long windowMillis() {
        return perSecond >= 1 ? 1000 : (long) Math.ceil(1000 / perSecond);
    }
}
