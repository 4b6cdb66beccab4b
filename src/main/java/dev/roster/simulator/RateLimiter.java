package dev.roster.simulator;

import dev.roster.model.BotId;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Enforces a {@link RateLimit}: one sliding window for the server or one per bot. A window is a ring of the
 * timestamps of the last {@code capacity} requests it admitted, under its own lock: a request is admitted when the
 * ring is not full or its oldest entry has left the window, and then replaces that entry. Constant time per
 * request; memory {@code capacity} longs per window, and one window per known bot at most.
 */
final class RateLimiter {
    private final RateLimit limit;
    private final Window shared;
    private final ConcurrentHashMap<BotId, Window> byBot = new ConcurrentHashMap<>();

    RateLimiter(RateLimit limit) {
        this.limit = limit;
        this.shared = limit.enabled() ? new Window(limit.capacity(), limit.windowMillis()) : null;
    }

    /**
     * Takes a slot for one request at {@code nowMillis}, or refuses it without counting it.
     *
     * @param bot the bot the request is for when it is known (only then does it get a window of its own under
     *            {@link RateLimitScope#BOT}); null otherwise
     * @return 0 when admitted; else the whole seconds until a slot frees, rounded up, at least 1
     */
    long acquire(BotId bot, long nowMillis) {
        if (shared == null) {
            return 0;
        }
        Window window = limit.scope() == RateLimitScope.BOT && bot != null
                ? byBot.computeIfAbsent(bot, b -> new Window(limit.capacity(), limit.windowMillis()))
                : shared;
        long waitMillis = window.tryAcquire(nowMillis);
        return waitMillis == 0 ? 0 : Math.max(1, (waitMillis + 999) / 1000);
    }

    /** The admitted requests' timestamps, oldest at {@code oldest} once the ring is full. */
    private static final class Window {
        private final long[] admitted;
        private final long lengthMillis;
        private int size;
        private int oldest;
        private long latest = Long.MIN_VALUE;

        Window(int capacity, long lengthMillis) {
            this.admitted = new long[capacity];
            this.lengthMillis = lengthMillis;
        }

        /** 0 when admitted, else the milliseconds until the oldest admitted request leaves the window. */
        synchronized long tryAcquire(long nowMillis) {
            long now = Math.max(nowMillis, latest); // a clock stepping back must not reopen slots
            latest = now;
            if (size < admitted.length) {
                admitted[size++] = now;
                return 0;
            }
            long frees = admitted[oldest] + lengthMillis;
            if (frees > now) {
                return frees - now;
            }
            admitted[oldest] = now;
            oldest = (oldest + 1) % admitted.length;
            return 0;
        }
    }
}
