package dev.roster.api.http;

import dev.roster.api.ApiException;
import dev.roster.api.RateLimiter;
import dev.roster.api.RunDeadline;
import feign.RequestInterceptor;
import feign.RequestTemplate;

/**
 * Lets every HTTP request, retries included, first pass a {@link RateLimiter}, but waits no longer than what is
 * left of the run the call is made for ({@link RunDeadline#current()}): past that it throws {@link PastDeadline},
 * which {@link CallGuard} turns into {@link ApiException.RunDeadlineExceeded}.
 */
public final class RateLimitInterceptor implements RequestInterceptor {
    private final RateLimiter limiter;

    public RateLimitInterceptor(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public void apply(RequestTemplate template) {
        RunDeadline run = RunDeadline.current();
        try {
            if (!limiter.acquire(run == null ? null : run.remaining())) {
                throw new PastDeadline();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException.Unreachable("interrupted while waiting for the rate limit", e);
        }
    }

    /** The rate limit would hold a request past its run's deadline. */
    static final class PastDeadline extends RuntimeException {
        PastDeadline() {
            super(null, null, false, false);
        }
    }
}
