package dev.roster.api;

/**
 * {@code api.requestsPerSecond}: a fixed client-side rate limit, or {@code auto}, which finds the provider's pace
 * from its answers ({@link AdaptiveLimits}) and never exceeds {@code api.maxRequestsPerSecond}.
 *
 * @param auto       whether the rate (and the number of requests in flight) adapt
 * @param perSecond  the fixed rate, or for {@code auto} the most it may reach
 */
public record RequestRate(boolean auto, double perSecond) {
    /** The most either setting takes; at this rate the client-side limit is in effect off. */
    public static final double MAX = 100_000;
    /** {@code api.maxRequestsPerSecond} unless set. */
    public static final double DEFAULT_MAX = 1_000;

    public RequestRate {
        if (!(perSecond > 0 && perSecond <= MAX)) {
            throw new IllegalArgumentException("requests per second must be above 0 and at most " + MAX);
        }
    }

    public static RequestRate fixed(double perSecond) {
        return new RequestRate(false, perSecond);
    }

    public static RequestRate auto(double maxPerSecond) {
        return new RequestRate(true, maxPerSecond);
    }

    /** A limiter for one client: adaptive up to {@code maxConcurrency} in flight, or fixed. */
    public RateLimiter limiter(int maxConcurrency) {
        return auto ? RateLimiter.adaptive(perSecond, maxConcurrency, RateLimiter.Ticker.SYSTEM)
                : new RateLimiter(perSecond, RateLimiter.Ticker.SYSTEM);
    }

    @Override
    public String toString() {
        String n = perSecond == Math.rint(perSecond) ? String.valueOf((long) perSecond) : String.valueOf(perSecond);
        return auto ? "auto (at most " + n + " per second)" : n + " per second";
    }
}
