package dev.roster.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import org.junit.jupiter.api.Test;

/**
 * The control law of {@code api.requestsPerSecond: auto}, on simulated time: a provider that admits {@code R}
 * requests in any second and answers the rest 429 with {@code Retry-After: 1}, as the error decoders see it
 * ({@link RateLimiter#pauseFor}).
 */
class AdaptiveLimitsTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long LATENCY = 50_000_000L;

    /** A provider with a sliding one-second window of {@code limit} requests. */
    private static final class Provider {
        final int limit;
        final ArrayDeque<Long> admitted = new ArrayDeque<>();
        int ok;
        int rejected;

        Provider(int limit) {
            this.limit = limit;
        }

        int answer(long now) {
            while (!admitted.isEmpty() && now - admitted.peekFirst() >= SECOND) {
                admitted.pollFirst();
            }
            if (admitted.size() >= limit) {
                rejected++;
                return 429;
            }
            admitted.addLast(now);
            ok++;
            return 200;
        }
    }

    /** Sends requests one after another for {@code seconds} of simulated time; returns the provider's counts. */
    private static Provider drive(RateLimiter limiter, RateLimiterTest.FakeTicker ticker, int providerLimit,
            long seconds) throws InterruptedException {
        Provider provider = new Provider(providerLimit);
        long end = ticker.now + seconds * SECOND;
        while (ticker.now < end) {
            limiter.acquire();
            assertThat(limiter.enter(Duration.ZERO)).isTrue();
            int status = provider.answer(ticker.now);
            if (status == 429) {
                limiter.pauseFor(Duration.ofSeconds(1));
            }
            limiter.leave(status, false, LATENCY);
        }
        return provider;
    }

    @Test
    void startsAtFiftyPerSecondAndSixteenInFlight() {
        RateLimiter limiter = RateLimiter.adaptive(1000, 64, new RateLimiterTest.FakeTicker());

        assertThat(limiter.limit()).isEqualTo(50);
        assertThat(limiter.concurrency()).isEqualTo(16);
        assertThat(limiter.isAdaptive()).isTrue();
    }

    @Test
    void findsTheProvidersRateAndStaysJustUnderIt() throws InterruptedException {
        RateLimiterTest.FakeTicker ticker = new RateLimiterTest.FakeTicker();
        RateLimiter limiter = RateLimiter.adaptive(100_000, 64, ticker);

        Provider provider = drive(limiter, ticker, 400, 20);
        assertThat(limiter.limit()).as("on the plateau after the first cut").isBetween(380, 400);
        Provider later = drive(limiter, ticker, 400, 60);

        // 60 s at 400/s is 24,000; one pause per probe and the plateau at 98 % cost less than a tenth
        assertThat(later.ok).isGreaterThan(21_600);
        assertThat(provider.rejected + later.rejected).isLessThan((provider.ok + later.ok) / 50);
    }

    @Test
    void neverExceedsTheConfiguredMaximum() throws InterruptedException {
        RateLimiterTest.FakeTicker ticker = new RateLimiterTest.FakeTicker();
        RateLimiter limiter = RateLimiter.adaptive(120, 64, ticker);

        Provider provider = drive(limiter, ticker, 10_000, 10);

        assertThat(limiter.limit()).isEqualTo(120);
        assertThat(provider.rejected).isZero();
        assertThat(provider.ok).isLessThanOrEqualTo(10 * 120);
    }

    @Test
    void aProviderThatRaisesItsLimitIsFoundAfterTheHold() throws InterruptedException {
        RateLimiterTest.FakeTicker ticker = new RateLimiterTest.FakeTicker();
        RateLimiter limiter = RateLimiter.adaptive(100_000, 64, ticker);
        drive(limiter, ticker, 100, 10);
        assertThat(limiter.limit()).isBetween(95, 100);

        drive(limiter, ticker, 300, 40);

        // the probe meets the new limit while still climbing, so the estimate is somewhat low
        assertThat(limiter.limit()).isBetween(255, 300);
    }

    @Test
    void risingLatencyCutsTheNumberInFlightAndLeavesTheRate() throws InterruptedException {
        RateLimiterTest.FakeTicker ticker = new RateLimiterTest.FakeTicker();
        RateLimiter limiter = RateLimiter.adaptive(100_000, 64, ticker);
        drive(limiter, ticker, 100_000, 2); // answers at 50 ms: the rate doubles every 50 ms
        int rate = limiter.limit();
        int inFlight = limiter.concurrency();
        long until = ticker.now + SECOND / 2;
        while (ticker.now < until) {
            limiter.acquire();
            limiter.enter(Duration.ZERO);
            ticker.now += 1_000_000;
            limiter.leave(200, false, 4 * LATENCY);
        }

        assertThat(limiter.concurrency()).isLessThan(inFlight);
        assertThat(limiter.limit()).isGreaterThanOrEqualTo(rate);
    }

    @Test
    void theNumberInFlightGrowsOnlyWhileCallersWaitForIt() throws InterruptedException {
        RateLimiterTest.FakeTicker ticker = new RateLimiterTest.FakeTicker();
        RateLimiter limiter = RateLimiter.adaptive(100_000, 40, ticker);
        for (int i = 0; i < 16; i++) {
            assertThat(limiter.enter(Duration.ZERO)).isTrue();
        }
        assertThat(limiter.enter(Duration.ZERO)).as("a seventeenth waits").isFalse();
        ticker.now += 50_000_000L;
        for (int i = 0; i < 16; i++) {
            limiter.leave(200, false, LATENCY);
        }
        assertThat(limiter.concurrency()).isEqualTo(32);

        ticker.now += 50_000_000L;
        limiter.enter(Duration.ZERO);
        limiter.leave(200, false, LATENCY);
        assertThat(limiter.concurrency()).as("nobody waited").isEqualTo(32);

        for (int i = 0; i < 32; i++) {
            limiter.enter(Duration.ZERO);
        }
        limiter.enter(Duration.ZERO);
        ticker.now += 50_000_000L;
        limiter.leave(200, false, LATENCY);
        assertThat(limiter.concurrency()).as("never above api.maxConcurrency").isEqualTo(40);
    }

    @Test
    void aServiceUnavailableCutsTheRateAndTheNumberInFlight() throws InterruptedException {
        RateLimiterTest.FakeTicker ticker = new RateLimiterTest.FakeTicker();
        RateLimiter limiter = RateLimiter.adaptive(100_000, 64, ticker);
        limiter.enter(Duration.ZERO);

        limiter.leave(503, false, LATENCY);

        assertThat(limiter.concurrency()).isLessThan(16);
        assertThat(limiter.limit()).isLessThan(50);
    }

    @Test
    void aFixedLimiterHasNoLimitInFlight() throws InterruptedException {
        RateLimiter limiter = new RateLimiter(50, new RateLimiterTest.FakeTicker());

        assertThat(limiter.enter(Duration.ZERO)).isTrue();
        limiter.leave(429, false, LATENCY);
        assertThat(limiter.limit()).isEqualTo(50);
        assertThat(limiter.concurrency()).isEqualTo(Integer.MAX_VALUE);
    }
}
