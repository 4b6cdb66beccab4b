package dev.roster.api.http;

import dev.roster.api.ApiException;
import dev.roster.api.RetryPolicy;
import dev.roster.api.RunDeadline;
import feign.Request;
import feign.RequestTemplate;
import feign.RetryableException;
import feign.Retryer;
import java.lang.reflect.Method;
import java.time.Clock;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Feign's retry hook, driven by an immutable {@link RetryPolicy}. One instance is the template; Feign
 * calls {@link #clone()} at the start of every call, which gives that call its own attempt count and
 * start time, so one client serves many threads.
 *
 * <p>Retries only calls marked {@link Idempotent}, only for what the error decoder hands over as a
 * {@link RetryableException} whose cause is a transient {@link ApiException} (or has no such cause: lost
 * connections and timeouts). Waits follow
 * exponential backoff with full jitter, except that a server's {@code Retry-After} is waited out in full.
 * Gives up after {@code maxAttempts} attempts, when the next wait would pass {@code maxTotal}, or when it would
 * reach the deadline of the run the call is made for ({@link RunDeadline#current()}).
 */
public final class SafeCallRetryer implements Retryer {
    private final RetryPolicy policy;
    private final Clock clock;
    private final Sleeper sleeper;
    private final DoubleSupplier random;
    private final long startMillis;
    private int attempt = 1;

    public SafeCallRetryer(RetryPolicy policy, Clock clock, Sleeper sleeper, DoubleSupplier random) {
        this.policy = policy;
        this.clock = clock;
        this.sleeper = sleeper;
        this.random = random;
        this.startMillis = clock.millis();
    }

    @Override
    public void continueOrPropagate(RetryableException e) {
        if (!isIdempotent(e.request()) || isPermanent(e) || attempt >= policy.maxAttempts()) {
            throw e;
        }
        long now = clock.millis();
        long wait = e.retryAfter() != null ? Math.max(0, e.retryAfter() - now) : backoffMillis();
        if (now - startMillis + wait > policy.maxTotal().toMillis()) {
            throw e;
        }
        RunDeadline run = RunDeadline.current();
        if (run != null && run.remaining().toMillis() <= wait) {
            throw e; // the run would be over before the next attempt could start
        }
        try {
            sleeper.sleep(Duration.ofMillis(wait));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw e;
        }
        attempt++;
    }

    /** Full jitter: uniform in [0, min(maxBackoff, initialBackoff * 2^(attempt-1))]. */
    private long backoffMillis() {
        long initial = policy.initialBackoff().toMillis();
        long cap = policy.maxBackoff().toMillis();
        long ceiling = initial;
        for (int i = 1; i < attempt && ceiling < cap; i++) {
            ceiling *= 2;
        }
        return (long) (random.getAsDouble() * Math.min(cap, ceiling));
    }

    private static boolean isPermanent(RetryableException e) {
        return e.getCause() instanceof ApiException api && !api.isTransient();
    }

    private static boolean isIdempotent(Request request) {
        if (request == null) {
            return false;
        }
        RequestTemplate template = request.requestTemplate();
        if (template == null || template.methodMetadata() == null) {
            return false;
        }
        Method method = template.methodMetadata().method();
        return method != null && method.isAnnotationPresent(Idempotent.class);
    }

    @Override
    public Retryer clone() {
        return new SafeCallRetryer(policy, clock, sleeper, random);
    }

    public int attempts() {
        return attempt;
    }
}
