package dev.roster.api.sinch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.api.ApiException;
import dev.roster.api.RateLimiter;
import dev.roster.api.RetryPolicy;
import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import dev.roster.model.LiveGroup;
import dev.roster.model.Secret;
import dev.roster.simulator.Simulator;
import dev.roster.simulator.SimulatorConfig;
import dev.roster.simulator.Stats;
import dev.roster.testing.LocalHttp;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** The client-side rate limit as the server sees it, and a 429 that holds back the whole client. */
class SinchRateLimitTest {
    static final BotId BOT = BotId.of("46700000001");

    @StartStop
    final MockWebServer server = new MockWebServer();

    /**
     * 50 reads from 16 threads at 20 requests/s against the simulator, with the limiter's time in the test's hand:
     * while it stands still exactly 20 requests reach the server and every other call waits in the limiter; 999 ms
     * later still none more; at one second the next 20; at two seconds the last 10. (Counting arrivals per
     * wall-clock second at the server instead is not a property of the client: a request admitted at the end of
     * one second may arrive in the next, next to the ones admitted then.)
     */
    @Test
    void eachSecondOfTheLimitersClockLetsAtMostTheLimitReachTheServer() throws Exception {
        int limit = 20;
        int calls = 50;
        int threads = 16;
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withBots(BOT))) {
            List<GroupId> groups = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                groups.add(sim.state().createGroup(BOT, "Team " + i));
            }
            SinchOptions options = new SinchOptions(sim.baseUrl(), bot -> Secret.of(SimulatorConfig.DEFAULT_TOKEN),
                    Duration.ofSeconds(2), Duration.ofSeconds(10), RetryPolicy.none());
            ManualTicker ticker = new ManualTicker();
            SinchGroupApi api = SinchGroupApi.create(options, new RateLimiter(limit, ticker));
            Stats stats = sim.state().stats();

            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<LiveGroup>> reads = new ArrayList<>();
                for (int i = 0; i < calls; i++) {
                    GroupId id = groups.get(i % groups.size());
                    reads.add(pool.submit(() -> api.getGroup(BOT, id)));
                }

                awaitSteady("the first second", stats, ticker, 20, threads);
                ticker.advance(Duration.ofMillis(999));
                assertThat(stats.totalRequests()).as("999 ms later").isEqualTo(20);
                assertThat(ticker.sleeping()).as("calls still waiting 999 ms later").isEqualTo(threads);

                ticker.advance(Duration.ofMillis(1));
                awaitSteady("the second second", stats, ticker, 40, 10);
                ticker.advance(Duration.ofSeconds(1));
                for (Future<LiveGroup> read : reads) {
                    read.get(20, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(stats.totalRequests()).isEqualTo(calls);
            assertThat(ticker.sleeping()).isZero();
        }
    }

    /** Waits (bounded) until {@code requests} reached the server and {@code waiting} calls wait in the limiter. */
    private static void awaitSteady(String what, Stats stats, ManualTicker ticker, long requests, int waiting) {
        LocalHttp.await(what + ": " + requests + " requests at the server, " + waiting + " calls waiting", 20,
                () -> stats.totalRequests() == requests && ticker.sleeping() == waiting,
                () -> "requests " + stats.totalRequests() + ", waiting " + ticker.sleeping());
        assertThat(stats.totalRequests()).as(what).isEqualTo(requests);
    }

    @Test
    void a429WithRetryAfterHoldsBackAnotherCallOfTheSameClient() throws Exception {
        FakeTicker ticker = new FakeTicker();
        SinchOptions options = new SinchOptions(URI.create(server.url("/").toString()), bot -> Secret.of("t0ken"),
                Duration.ofSeconds(2), Duration.ofSeconds(5), RetryPolicy.DEFAULT);
        SinchGroupApi api = SinchGroupApi.create(options, Clock.systemUTC(), d -> { }, () -> 0.5,
                new RateLimiter(1_000, ticker));
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "5").build());
        server.enqueue(new MockResponse.Builder().code(200).body(
                "{\"admins\":[\"46700000001\"],\"creator\":\"46700000001\",\"members\":[],\"subject\":\"A\"}").build());

        // create is never retried, so its 429 ends the call: only the limiter remembers it
        assertThatThrownBy(() -> api.createGroup(BOT, "Sales")).isInstanceOf(ApiException.RateLimited.class);
        ExecutorService other = Executors.newSingleThreadExecutor(r -> new Thread(r, "another-call"));
        try {
            LiveGroup read = other.submit(() -> api.getGroup(BOT, GroupId.of("group:46700000001-1"))).get();
            assertThat(read.subject()).isEqualTo("A");
        } finally {
            other.shutdownNow();
        }

        assertThat(ticker.waitsOf("another-call")).isEqualTo(Duration.ofSeconds(5).toNanos());
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    /**
     * Time that moves only when the test advances it; a caller that sleeps waits (really) until then. Counts the
     * callers asleep, so a test can see that every call not admitted is held in the limiter.
     */
    static final class ManualTicker implements RateLimiter.Ticker {
        private long now = 1_000_000_000L;
        private int sleeping;

        @Override
        public synchronized long nanoTime() {
            return now;
        }

        @Override
        public synchronized void sleepNanos(long nanos) throws InterruptedException {
            long until = now + nanos;
            sleeping++;
            try {
                while (now - until < 0) {
                    wait();
                }
            } finally {
                sleeping--;
            }
        }

        synchronized void advance(Duration by) {
            now += by.toNanos();
            notifyAll();
        }

        synchronized int sleeping() {
            return sleeping;
        }
    }

    /** Time that moves only when someone waits; records who waited how long. */
    static final class FakeTicker implements RateLimiter.Ticker {
        private final AtomicLong now = new AtomicLong(1_000_000_000L);
        private final List<String> waits = new CopyOnWriteArrayList<>();

        @Override
        public long nanoTime() {
            return now.get();
        }

        @Override
        public void sleepNanos(long nanos) {
            waits.add(Thread.currentThread().getName() + "=" + nanos);
            now.addAndGet(nanos);
        }

        long waitsOf(String thread) {
            return waits.stream().filter(w -> w.startsWith(thread + "="))
                    .mapToLong(w -> Long.parseLong(w.substring(thread.length() + 1))).sum();
        }
    }
}
