package dev.roster.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    /** A clock that only moves when someone sleeps. */
    static final class FakeTicker implements RateLimiter.Ticker {
        long now = 987_654_321_000L; // like System.nanoTime(), far from zero

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleepNanos(long nanos) {
            now += nanos;
        }
    }

    @Test
    void neverAdmitsMoreThanTheLimitInAnyOneSecondWindow() throws InterruptedException {
        FakeTicker ticker = new FakeTicker();
        RateLimiter limiter = new RateLimiter(10, ticker);
        List<Long> starts = new ArrayList<>();
        long t0 = ticker.now;
        for (int i = 0; i < 55; i++) {
            limiter.acquire();
            starts.add(ticker.now);
        }
        for (int i = 10; i < starts.size(); i++) {
            assertThat(starts.get(i) - starts.get(i - 10)).isGreaterThanOrEqualTo(1_000_000_000L);
        }
        // and it is not slower than it must be: 55 requests at 10/s need about 5 s, not more
        assertThat(ticker.now - t0).isLessThanOrEqualTo(5_000_000_000L);
    }

    @Test
    void firstBurstUpToTheLimitIsNotDelayed() throws InterruptedException {
        FakeTicker ticker = new FakeTicker();
        RateLimiter limiter = new RateLimiter(50, ticker);
        long t0 = ticker.now;
        for (int i = 0; i < 50; i++) {
            limiter.acquire();
        }
        assertThat(ticker.now).isEqualTo(t0);
    }

    @Test
    void aWaitLongerThanTheCallerMayWaitIsRefusedAtOnceAndNotRecorded() throws InterruptedException {
        FakeTicker ticker = new FakeTicker();
        RateLimiter limiter = new RateLimiter(1, ticker);
        long t0 = ticker.now;
        assertThat(limiter.acquire(Duration.ofMillis(100))).isTrue();
        assertThat(limiter.acquire(Duration.ofMillis(100))).as("the window is full for another second").isFalse();
        assertThat(ticker.now).as("refused without waiting").isEqualTo(t0);
        assertThat(limiter.acquire(Duration.ofSeconds(1))).as("a second is long enough").isTrue();
        assertThat(ticker.now - t0).isEqualTo(1_000_000_000L);

        limiter.pauseFor(Duration.ofSeconds(60));
        assertThat(limiter.acquire(Duration.ofSeconds(59))).isFalse();
        assertThat(limiter.acquire(Duration.ofSeconds(60))).isTrue();
    }

    @Test
    void pauseHoldsBackEveryCaller() throws InterruptedException {
        FakeTicker ticker = new FakeTicker();
        RateLimiter limiter = new RateLimiter(100, ticker);
        long t0 = ticker.now;
        limiter.pauseFor(Duration.ofSeconds(2));
        limiter.acquire();
        assertThat(ticker.now - t0).isGreaterThanOrEqualTo(2_000_000_000L);
    }

    @Test
    void aShorterPauseDoesNotShortenALongerOne() throws InterruptedException {
        FakeTicker ticker = new FakeTicker();
        RateLimiter limited = new RateLimiter(100, ticker);
        long t0 = ticker.now;
        limited.pauseFor(Duration.ofSeconds(3));
        limited.pauseFor(Duration.ofSeconds(1));
        limited.acquire();
        assertThat(ticker.now - t0).isGreaterThanOrEqualTo(3_000_000_000L);
    }

    @Test
    void withoutALimitNobodyWaits() throws InterruptedException {
        FakeTicker ticker = new FakeTicker();
        RateLimiter unlimited = new RateLimiter(Integer.MAX_VALUE, ticker);
        long t0 = ticker.now;
        for (int i = 0; i < 10_000; i++) {
            unlimited.acquire();
        }
        assertThat(ticker.now).isEqualTo(t0);
    }
}
