package dev.roster.api.http;

import dev.roster.api.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One fake time for a whole client: the wall clock the retryer and the error decoder read, the retryer's
 * {@link Sleeper} and the rate limiter's {@link RateLimiter.Ticker}. It moves only when one of them waits, by
 * exactly the wait, so a test asserts on the waits without sleeping. The retryer's waits and the limiter's are
 * recorded apart.
 */
public final class FakeTime extends Clock implements Sleeper, RateLimiter.Ticker {
    public final List<Duration> retryerWaits = new CopyOnWriteArrayList<>();
    public final List<Duration> limiterWaits = new CopyOnWriteArrayList<>();
    private final Instant start;
    private final AtomicLong elapsedNanos = new AtomicLong();

    public FakeTime(Instant start) {
        this.start = start;
    }

    /** A limiter without a limit whose pauses (a 429's Retry-After) run on this time. */
    public RateLimiter unlimitedLimiter() {
        return new RateLimiter(Integer.MAX_VALUE, this);
    }

    @Override
    public void sleep(Duration duration) {
        retryerWaits.add(duration);
        elapsedNanos.addAndGet(duration.toNanos());
    }

    @Override
    public void sleepNanos(long nanos) {
        limiterWaits.add(Duration.ofNanos(nanos));
        elapsedNanos.addAndGet(nanos);
    }

    @Override
    public long nanoTime() {
        return 1_000_000_000L + elapsedNanos.get();
    }

    @Override
    public Instant instant() {
        return start.plusNanos(elapsedNanos.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
