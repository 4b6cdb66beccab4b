package dev.roster.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The time by which one run (a {@code plan}, an {@code apply}, one daemon run of one bot) must be over:
 * {@code timeout} after it started, on an injected clock.
 *
 * <p>{@link #bound(GroupApi)} wraps the API a run uses. Once the deadline has passed, the wrapper starts no
 * call: it throws {@link ApiException.RunDeadlineExceeded} with {@code made() == false}, so every group not
 * reached fails at once instead of waiting. While a call is being made, the wrapper makes this deadline the
 * {@link #current()} one of the calling thread, where an adapter may read it to cut the call in flight and
 * its retries at the deadline (the Sinch adapter does: a run never outlasts its deadline by a slow answer).
 * Adapters call synchronously on the caller's thread, which is what makes the thread the right scope.
 */
public final class RunDeadline {
    private static final ThreadLocal<RunDeadline> CURRENT = new ThreadLocal<>();

    private final Clock clock;
    private final Duration timeout;
    private final Instant at;

    private RunDeadline(Clock clock, Duration timeout, Instant at) {
        this.clock = clock;
        this.timeout = timeout;
        this.at = at;
    }

    /** A deadline {@code timeout} from now on {@code clock}; the timeout must be positive. */
    public static RunDeadline after(Duration timeout, Clock clock) {
        Objects.requireNonNull(clock, "clock");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a run's timeout must be positive");
        }
        return new RunDeadline(clock, timeout, clock.instant().plus(timeout));
    }

    /** The deadline of the call the calling thread is making through a {@link #bound} API, or null. */
    public static RunDeadline current() {
        return CURRENT.get();
    }

    public Duration timeout() {
        return timeout;
    }

    public Instant at() {
        return at;
    }

    public boolean hasPassed() {
        return !clock.instant().isBefore(at);
    }

    /** The time left, zero once passed. */
    public Duration remaining() {
        Duration left = Duration.between(clock.instant(), at);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** {@code api} with this deadline: no call starts once it has passed, and adapters see it while calling. */
    public GroupApi bound(GroupApi api) {
        return new DeadlineBoundApi(api, this);
    }

    /** Runs {@code call} with this deadline as the thread's {@link #current()} one. */
    <T> T around(Supplier<T> call) {
        RunDeadline outer = CURRENT.get();
        CURRENT.set(this);
        try {
            return call.get();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /** The timeout as settings write it: {@code 10m}, {@code 30s}, {@code 1500ms}. */
    public String describe() {
        long ms = timeout.toMillis();
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    @Override
    public String toString() {
        return "RunDeadline[" + describe() + ", at " + at + "]";
    }
}
