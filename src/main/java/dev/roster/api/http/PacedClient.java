package dev.roster.api.http;

import dev.roster.api.RateLimiter;
import dev.roster.api.RunDeadline;
import feign.Client;
import feign.Request;
import feign.Response;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;

/**
 * Holds each attempt to the {@linkplain RateLimiter#enter number in flight} an adaptive limiter allows (waiting no
 * longer than what is left of the run), and tells the limiter how it went: the answer's status and how long its
 * headers took, or that it timed out. A 429's {@code Retry-After} pauses the limiter here, before the answer is
 * decoded (the error decoders pause it too, for a fixed limiter). With a fixed limiter it only passes the attempt
 * on.
 */
public final class PacedClient implements Client {
    private static final Clock CLOCK = Clock.systemUTC();
    private final Client delegate;
    private final RateLimiter limiter;

    public PacedClient(Client delegate, RateLimiter limiter) {
        this.delegate = delegate;
        this.limiter = limiter;
    }

    @Override
    public Response execute(Request request, Request.Options options) throws IOException {
        if (!limiter.isAdaptive()) {
            return delegate.execute(request, options);
        }
        RunDeadline run = RunDeadline.current();
        try {
            if (!limiter.enter(run == null ? null : run.remaining())) {
                throw new InterruptedIOException("the run's deadline passed while waiting for a request to finish;"
                        + " not sent");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a request to finish; not sent");
        }
        long start = System.nanoTime();
        int status = 0;
        boolean timedOut = false;
        try {
            Response response = delegate.execute(request, options);
            status = response.status();
            if (status == 429) { // before the answer is decoded: the requests waiting to start must not go first
                Duration retryAfter = RetryAfter.parse(ErrorAnswers.header(response, "Retry-After"), CLOCK);
                if (retryAfter != null) {
                    limiter.pauseFor(retryAfter);
                }
            }
            return response;
        } catch (SocketTimeoutException e) {
            timedOut = true;
            throw e;
        } catch (InterruptedIOException e) { // OkHttp's call timeout
            timedOut = !Thread.currentThread().isInterrupted();
            throw e;
        } finally {
            limiter.leave(status, timedOut, System.nanoTime() - start);
        }
    }
}
