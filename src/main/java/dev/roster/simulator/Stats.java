package dev.roster.simulator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the API requests the simulator answered (the test-only {@code /_sim/} endpoints are not
 * counted). Thread-safe and cheap enough for thousands of requests a second; {@link #reset()} zeroes all.
 *
 * <p>Requests are counted per endpoint under keys like {@code "GET /groups/{id}"} or
 * {@code "DELETE /groups/{id}/member"} (the {@code /whatsapp/v1/{bot}} prefix left out); a request that
 * matches no endpoint counts under {@code "UNMATCHED"}. {@link #writes()} counts write requests whose
 * effect took place (including those whose answer was then lost to an injected fault);
 * {@link #faults()} counts injected 503 answers. {@link #maxRequestsPerSecond()} is the largest number of
 * requests that arrived within one wall-clock second (approximate by a request or two at a second's edge under
 * heavy concurrency).
 *
 * <p>{@link #rateLimited()} counts requests answered 429 by the simulator's rate limit ({@link RateLimit}); they are
 * counted as requests too. {@link #perSecond()} gives requests and rate-limited requests per wall-clock second (by
 * the simulator's clock) for the last {@value #SECONDS_KEPT} seconds, so a benchmark can compute the rate it was
 * served at; {@link #firstRequestMillis()} and {@link #lastRequestMillis()} when requests began and ended.
 *
 * <p>Group event callbacks ({@link CallbackSender}) are counted apart from requests: {@link #callbacksDelivered()}
 * events answered 2xx, {@link #callbacksFailed()} events given up after their last attempt,
 * {@link #callbacksDropped()} events pushed out of the full delivery queue before they were sent.
 */
public final class Stats {
    private final LongAdder total = new LongAdder();
    private final LongAdder writes = new LongAdder();
    private final LongAdder faults = new LongAdder();
    private final LongAdder rateLimited = new LongAdder();
    private final LongAdder callbacksDelivered = new LongAdder();
    private final LongAdder callbacksFailed = new LongAdder();
    private final LongAdder callbacksDropped = new LongAdder();
    private final ConcurrentHashMap<String, LongAdder> byEndpoint = new ConcurrentHashMap<>();
    private final Window window = new Window();
    private final AtomicLong maxPerSecond = new AtomicLong();

    /** Seconds kept in {@link #perSecond()}. */
    public static final int SECONDS_KEPT = 3600;

    /** Requests and rate-limited requests in one wall-clock second ({@code epochSecond}). */
    public record Second(long epochSecond, long requests, long rateLimited) {}

    /** A point-in-time copy, e.g. to compare before and after a run. */
    public record Snapshot(long totalRequests, long writes, long faults, long maxRequestsPerSecond,
            Map<String, Long> requests, long callbacksDelivered, long callbacksFailed, long callbacksDropped,
            long rateLimited) {
        public Snapshot {
            requests = Map.copyOf(requests);
        }

        public long requests(String endpoint) {
            return requests.getOrDefault(endpoint, 0L);
        }
    }

    void recordRequest(String endpoint, long epochMillis) {
        total.increment();
        byEndpoint.computeIfAbsent(endpoint, k -> new LongAdder()).increment();
        long second = epochMillis / 1000;
        // one lock, not separate atomics: a request counted between another's opening of a new second and its
        // zeroing of the count would add to the old second's count and report a burst that never happened
        synchronized (window) {
            window.slot(second)[1]++;
            window.first = Math.min(window.first, epochMillis);
            window.last = Math.max(window.last, epochMillis);
            if (second > window.second) {
                window.second = second;
                window.count = 0;
            } else if (second < window.second) {
                return; // a straggler from a second already closed
            }
            window.count++;
            maxPerSecond.accumulateAndGet(window.count, Math::max);
        }
    }

    /** A request (already counted by {@link #recordRequest}) was answered 429 by the rate limit. */
    void recordRateLimited(long epochMillis) {
        rateLimited.increment();
        synchronized (window) {
            window.slot(epochMillis / 1000)[2]++;
        }
    }

    void recordWrite() {
        writes.increment();
    }

    void recordFault() {
        faults.increment();
    }

    void recordCallbackDelivered() {
        callbacksDelivered.increment();
    }

    void recordCallbackFailed() {
        callbacksFailed.increment();
    }

    void recordCallbackDropped() {
        callbacksDropped.increment();
    }

    public long totalRequests() {
        return total.sum();
    }

    /** Requests to one endpoint, e.g. {@code requests("PATCH /groups/{id}")}. */
    public long requests(String endpoint) {
        LongAdder n = byEndpoint.get(endpoint);
        return n == null ? 0 : n.sum();
    }

    /** Every endpoint that was called, with its count, sorted by key. */
    public Map<String, Long> requestsByEndpoint() {
        Map<String, Long> counts = new TreeMap<>();
        byEndpoint.forEach((k, v) -> {
            long n = v.sum();
            if (n > 0) {
                counts.put(k, n);
            }
        });
        return counts;
    }

    public long writes() {
        return writes.sum();
    }

    public long faults() {
        return faults.sum();
    }

    public long rateLimited() {
        return rateLimited.sum();
    }

    /**
     * Requests and rate-limited requests per second, oldest first, for the seconds that had requests among the last
     * {@value #SECONDS_KEPT} up to the latest second with a request.
     */
    public List<Second> perSecond() {
        List<Second> seconds = new ArrayList<>();
        synchronized (window) {
            long latest = window.second;
            if (latest == Long.MIN_VALUE) {
                return seconds;
            }
            for (long[] slot : window.slots) {
                if (slot[1] > 0 && slot[0] > latest - SECONDS_KEPT && slot[0] <= latest) {
                    seconds.add(new Second(slot[0], slot[1], slot[2]));
                }
            }
        }
        seconds.sort(Comparator.comparingLong(Second::epochSecond));
        return seconds;
    }

    /** When the first request since the start or the last reset arrived, in epoch milliseconds; null before any. */
    public Long firstRequestMillis() {
        synchronized (window) {
            return window.first == Long.MAX_VALUE ? null : window.first;
        }
    }

    /** When the latest request arrived, in epoch milliseconds; null before any. */
    public Long lastRequestMillis() {
        synchronized (window) {
            return window.last == Long.MIN_VALUE ? null : window.last;
        }
    }

    public long maxRequestsPerSecond() {
        return maxPerSecond.get();
    }

    public long callbacksDelivered() {
        return callbacksDelivered.sum();
    }

    public long callbacksFailed() {
        return callbacksFailed.sum();
    }

    public long callbacksDropped() {
        return callbacksDropped.sum();
    }

    public Snapshot snapshot() {
        return new Snapshot(totalRequests(), writes(), faults(), maxRequestsPerSecond(), requestsByEndpoint(),
                callbacksDelivered(), callbacksFailed(), callbacksDropped(), rateLimited());
    }

    /** Zeroes every counter. Requests in flight while resetting may or may not be counted. */
    public void reset() {
        total.reset();
        writes.reset();
        faults.reset();
        rateLimited.reset();
        callbacksDelivered.reset();
        callbacksFailed.reset();
        callbacksDropped.reset();
        byEndpoint.values().forEach(LongAdder::reset);
        synchronized (window) {
            window.second = Long.MIN_VALUE;
            window.count = 0;
            window.first = Long.MAX_VALUE;
            window.last = Long.MIN_VALUE;
            for (long[] slot : window.slots) {
                java.util.Arrays.fill(slot, 0);
            }
        }
        maxPerSecond.set(0);
    }

    /** The JSON form served at {@code GET /_sim/stats}. */
    Map<String, Object> toJson() {
        Map<String, Object> json = new java.util.LinkedHashMap<>();
        json.put("total_requests", totalRequests());
        json.put("writes", writes());
        json.put("faults", faults());
        json.put("max_requests_per_second", maxRequestsPerSecond());
        json.put("rate_limited", rateLimited());
        json.put("first_request_ms", firstRequestMillis());
        json.put("last_request_ms", lastRequestMillis());
        json.put("requests", requestsByEndpoint());
        Map<String, Object> callbacks = new java.util.LinkedHashMap<>();
        callbacks.put("delivered", callbacksDelivered());
        callbacks.put("failed", callbacksFailed());
        callbacks.put("dropped", callbacksDropped());
        json.put("callbacks", callbacks);
        json.put("per_second", perSecond().stream().map(sec -> {
            Map<String, Object> one = new java.util.LinkedHashMap<>();
            one.put("second", sec.epochSecond());
            one.put("requests", sec.requests());
            one.put("rate_limited", sec.rateLimited());
            return one;
        }).toList());
        return json;
    }

    @Override
    public String toString() {
        return "Stats" + toJson();
    }

    /**
     * The wall-clock second being counted, and the last {@value #SECONDS_KEPT} seconds' counts, each slot
     * {@code [epoch second, requests, rate limited]} at index {@code second % SECONDS_KEPT}; guarded by its own lock.
     */
    private static final class Window {
        long second = Long.MIN_VALUE;
        long count;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        final long[][] slots = new long[SECONDS_KEPT][3];

        /** The slot of {@code epochSecond}, emptied first when it still holds an older second. */
        long[] slot(long epochSecond) {
            long[] slot = slots[(int) Math.floorMod(epochSecond, (long) SECONDS_KEPT)];
            if (slot[0] != epochSecond) {
                slot[0] = epochSecond;
                slot[1] = 0;
                slot[2] = 0;
            }
            return slot;
        }
    }
}
