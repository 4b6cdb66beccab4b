package dev.roster.api;

import java.time.Duration;

/**
 * How transient failures of safe calls are retried: exponential backoff from {@code initialBackoff},
 * doubled each time up to {@code maxBackoff}, with full jitter; at most {@code maxAttempts} attempts
 * (the first included) and never past {@code maxTotal} since the first attempt. A server's
 * {@code Retry-After} is honoured in full, even when longer than {@code maxBackoff}, as long as it
 * fits in {@code maxTotal}.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxTotal) {
    public static final RetryPolicy DEFAULT =
            new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofSeconds(60));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }
}
