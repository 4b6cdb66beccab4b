package dev.roster.api.cloud;

import dev.roster.api.http.ErrorAnswers;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.api.ApiException;
import dev.roster.api.RateLimiter;
import dev.roster.api.http.RetryAfter;
import dev.roster.model.Secret;
import feign.Request;
import feign.Response;
import feign.RetryableException;
import feign.codec.ErrorDecoder;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Classifies every non-2xx answer once, from the Graph error envelope, into the typed {@link ApiException}s, with a
 * message such as {@code POST /cg1 for bot 1065: 403 (#131207) Group is suspended [fbtrace_id AbC]}: the Graph
 * code and the {@code fbtrace_id} Meta's support asks for stay in it. The code decides before the HTTP status:
 * <ul>
 *   <li>HTTP 429 or a rate-limit code (131208 group operations, 130429 throughput, 80007 account, 4 app)
 *       → {@link ApiException.RateLimited}, its {@code Retry-After} pausing the whole client;</li>
 *   <li>190 or HTTP 401 → {@link ApiException.Unauthorized}; 10 and 200-299 (permissions) →
 *       {@link ApiException.Forbidden};</li>
 *   <li>131041 → {@link ApiException.NotFound}; 131207 → {@link CloudExceptions.GroupSuspended}; 131215 →
 *       {@link CloudExceptions.NumberNotEligible}; 131059 → {@link CloudExceptions.InvalidCursor}; 131212 →
 *       {@link CloudExceptions.NotInGroup};</li>
 *   <li>5xx → {@link ApiException.ServerError} (transient also when {@code is_transient}); any other answer marked
 *       {@code is_transient} → {@link CloudExceptions.Transient}; otherwise by status as the common types say.</li>
 * </ul>
 * Transient ones are handed to the retryer wrapped in a {@link RetryableException}. The bot's token, should a server
 * echo it, is blanked out.
 */
final class CloudErrorDecoder implements ErrorDecoder {
    static final int RATE_LIMIT = 131208;
    static final int UNKNOWN_GROUP = 131041;
    static final int SUSPENDED = 131207;
    static final int NOT_ELIGIBLE = 131215;
    static final int INVALID_CURSOR = 131059;
    static final int NOT_IN_GROUP = 131212;
    private static final Set<Integer> RATE_LIMITS = Set.of(RATE_LIMIT, 130429, 80007, 4);

    private final ObjectMapper mapper;
    private final Clock clock;
    private final Supplier<Secret> token;
    private final Function<Request, String> describe;
    private final RateLimiter limiter;

    /**
     * @param token    the token of the client's bot, blanked out of messages
     * @param describe names a request: verb, path below the Graph base, bot
     * @param limiter  paused for a 429's Retry-After, so the whole client slows down, not one call
     */
    CloudErrorDecoder(ObjectMapper mapper, Clock clock, Supplier<Secret> token, Function<Request, String> describe,
            RateLimiter limiter) {
        this.mapper = mapper;
        this.clock = clock;
        this.token = token;
        this.describe = describe;
        this.limiter = limiter;
    }

    @Override
    public Exception decode(String methodKey, Response response) {
        int status = response.status();
        Request request = response.request();
        GraphError error = GraphError.parse(mapper, ErrorAnswers.body(response));
        String summary = error.summary();
        String message = redact(describe.apply(request) + ": " + status + (summary.isEmpty() ? "" : " " + summary));
        String reason = redact(error.message());
        Duration retryAfter = RetryAfter.parse(ErrorAnswers.header(response, "Retry-After"), clock);
        boolean rateLimited = status == 429 || RATE_LIMITS.contains(error.code());
        if (rateLimited && retryAfter != null) {
            limiter.pauseFor(retryAfter);
        }
        ApiException typed = rateLimited
                ? new ApiException.RateLimited(reason, message, retryAfter == null ? -1 : retryAfter.toMillis())
                : classify(status, error, reason, message);
        if (!typed.isTransient()) {
            return typed;
        }
        Long retryAt = retryAfter == null ? null : clock.millis() + retryAfter.toMillis();
        return new RetryableException(status, message, request == null ? null : request.httpMethod(), typed, retryAt,
                request);
    }

    private static ApiException classify(int status, GraphError error, String reason, String message) {
        int code = error.code();
        if (code == 190 || status == 401) {
            return new ApiException.Unauthorized(reason, message);
        }
        switch (code) {
            case UNKNOWN_GROUP:
                return new ApiException.NotFound(reason, message);
            case SUSPENDED:
                return new CloudExceptions.GroupSuspended(reason, message + " (the group is suspended by Meta; no"
                        + " change can be made to it until the suspension is cleared)");
            case NOT_ELIGIBLE:
                return new CloudExceptions.NumberNotEligible(reason, message + " (this business number is not"
                        + " eligible for groups: only Official Business Accounts are)");
            case INVALID_CURSOR:
                return new CloudExceptions.InvalidCursor(reason, message);
            case NOT_IN_GROUP:
                return new CloudExceptions.NotInGroup(reason, message);
            default:
                break;
        }
        if (code == 10 || (code >= 200 && code <= 299)) {
            return new ApiException.Forbidden(reason, message);
        }
        if (status >= 500 && status <= 599) {
            return error.isTransient() ? new CloudExceptions.TransientServerError(status, reason, message)
                    : new ApiException.ServerError(status, reason, message);
        }
        if (error.isTransient()) {
            return new CloudExceptions.Transient(status, reason, message);
        }
        return switch (status) {
            case 400 -> new ApiException.BadRequest(reason, message);
            case 403 -> new ApiException.Forbidden(reason, message);
            case 404 -> new ApiException.NotFound(reason, message);
            case 406 -> new ApiException.NotAcceptable(reason, message);
            case 409 -> new ApiException.Conflict(reason, message);
            default -> new ApiException.Unexpected(status, reason, message);
        };
    }

    private String redact(String text) {
        Secret secret = token.get();
        if (text == null || secret == null || secret.isEmpty()) {
            return text;
        }
        return text.replace(secret.reveal(), "****");
    }


}
