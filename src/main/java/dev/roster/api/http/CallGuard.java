package dev.roster.api.http;

import dev.roster.api.ApiException;
import dev.roster.api.RunDeadline;
import feign.FeignException;
import feign.RetryableException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Runs one Feign call and lets nothing but {@link ApiException} out: the typed exception an error decoder made is
 * unwrapped from Feign's, and no (whole) answer becomes {@link ApiException.Unreachable}, or
 * {@link ApiException.RunDeadlineExceeded} once the run's deadline has passed. Messages start with the call's
 * subject ({@code GET /groups for bot 4475}) and name the timeout that struck.
 */
public final class CallGuard {
    private final URI baseUrl;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration callTimeout;

    public CallGuard(URI baseUrl, Duration connectTimeout, Duration readTimeout, Duration callTimeout) {
        this.baseUrl = baseUrl;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.callTimeout = callTimeout;
    }

    /** @param subject the call as messages name it: verb, path and bot */
    public <T> T call(String subject, Supplier<T> call) {
        RunDeadline run = RunDeadline.current();
        try {
            return call.get();
        } catch (ApiException e) {
            throw e;
        } catch (RateLimitInterceptor.PastDeadline e) { // a pause of the whole client (429) outlasts the run
            throw new ApiException.RunDeadlineExceeded(subject + ": stopped at the run's time limit "
                    + "of " + run.describe() + ", which passes before the client's rate limit lets it go", true);
        } catch (RetryableException e) {
            if (e.getCause() instanceof ApiException api) {
                throw api;
            }
            throw noAnswer(subject, run, e.getCause());
        } catch (FeignException e) {
            if (e.getCause() instanceof ApiException api) {
                throw api;
            }
            if (e.getCause() instanceof IOException lost) { // the answer began, and its body did not arrive whole
                throw noAnswer(subject, run, lost);
            }
            throw new ApiException.MalformedResponse(e.status(),
                    subject + ": " + e.status() + " with an answer that could not be read", null);
        } catch (RuntimeException e) {
            throw new ApiException.Unexpected(0, null, subject + ": failed (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * No (whole) answer: cut at the run's deadline, or timed out, refused or lost. A call stopped by the deadline
     * counts as made even when its last attempt was not sent, as an earlier one may have been.
     */
    private ApiException noAnswer(String subject, RunDeadline run, Throwable cause) {
        if (run != null && run.hasPassed()) {
            return new ApiException.RunDeadlineExceeded(subject + ": cut off at the run's time limit of "
                    + run.describe() + " (no whole answer from " + baseUrl + " by then)", true, cause);
        }
        return new ApiException.Unreachable(subject + ": no answer from " + baseUrl + " (" + describe(cause) + ")",
                cause);
    }

    private String describe(Throwable cause) {
        if (cause instanceof InterruptedIOException && !(cause instanceof SocketTimeoutException)) {
            // OkHttp's call timeout: the whole exchange, answer included, took longer than callTimeout
            return "no whole answer within the call timeout of " + callTimeout.toMillis() + " ms";
        }
        if (cause instanceof SocketTimeoutException timeout) {
            // OkHttp: "Connect timed out" while connecting; "timeout" or "Read timed out" while waiting for the answer
            boolean connecting = timeout.getMessage() != null
                    && timeout.getMessage().toLowerCase(Locale.ROOT).contains("connect");
            return connecting
                    ? "connect timed out after " + connectTimeout.toMillis() + " ms"
                    : "read timed out after " + readTimeout.toMillis() + " ms";
        }
        if (cause instanceof ConnectException) {
            return "connection refused";
        }
        if (cause instanceof IOException) {
            return cause.getMessage() == null || cause.getMessage().isBlank()
                    ? cause.getClass().getSimpleName()
                    : "connection lost: " + cause.getMessage();
        }
        return cause == null ? "unknown cause" : cause.getClass().getSimpleName();
    }
}
