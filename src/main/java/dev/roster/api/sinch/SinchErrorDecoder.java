package dev.roster.api.sinch;

import dev.roster.api.http.ErrorAnswers;
import dev.roster.api.RateLimiter;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.api.ApiException;
import dev.roster.model.BotId;
import dev.roster.model.Secret;
import dev.roster.api.http.RetryAfter;
import feign.Request;
import feign.Response;
import feign.RetryableException;
import feign.codec.ErrorDecoder;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;

/**
 * Classifies every non-2xx answer once, into the typed {@link ApiException} subclasses, with a message
 * such as {@code PATCH /groups/group:4475-1 for bot 4475: 400 Validation error: Field [subject] can not
 * be empty}. Transient ones (429, 502, 503, 504) are handed to the retryer wrapped in a
 * {@link RetryableException} whose cause is the typed exception and whose retry-after is the
 * {@code Retry-After} header. The bot's token, should a server echo it, is blanked out.
 */
final class SinchErrorDecoder implements ErrorDecoder {
    private final RateLimiter limiter;

    private final ObjectMapper mapper;
    private final Clock clock;
    private final Function<BotId, Secret> tokens;

    SinchErrorDecoder(ObjectMapper mapper, Clock clock, Function<BotId, Secret> tokens) {
        this(mapper, clock, tokens, RateLimiter.unlimited());
    }

    /** {@code limiter} is paused for a 429's Retry-After, so the whole client slows down, not one call. */
    SinchErrorDecoder(ObjectMapper mapper, Clock clock, Function<BotId, Secret> tokens, RateLimiter limiter) {
        this.limiter = limiter;
        this.mapper = mapper;
        this.clock = clock;
        this.tokens = tokens;
    }

    @Override
    public Exception decode(String methodKey, Response response) {
        int status = response.status();
        Request request = response.request();
        ErrorBody body = ErrorBody.parse(mapper, status, ErrorAnswers.body(response));
        String detail = body.summary();
        if (detail == null) {
            detail = standardPhrase(status);
        }
        String message = redact(request, CallDescription.of(request) + ": " + status + (detail.isEmpty() ? "" : " " + detail));
        String reason = body.reason() == null ? null : redact(request, body.reason());
        Duration retryAfter = RetryAfter.parse(ErrorAnswers.header(response, "Retry-After"), clock);
        if (retryAfter != null && response.status() == 429) {
            limiter.pauseFor(retryAfter);
        }

        ApiException typed = switch (status) {
            case 400 -> new ApiException.BadRequest(reason, message);
            case 401 -> new ApiException.Unauthorized(reason, message);
            case 403 -> new ApiException.Forbidden(reason, message);
            case 404 -> new ApiException.NotFound(reason, message);
            case 406 -> new ApiException.NotAcceptable(reason, message);
            case 409 -> new ApiException.Conflict(reason, message);
            case 429 -> new ApiException.RateLimited(reason, message, retryAfter == null ? -1 : retryAfter.toMillis());
            default -> status >= 500 && status <= 599
                    ? new ApiException.ServerError(status, reason, message)
                    : new ApiException.Unexpected(status, reason, message);
        };
        if (!typed.isTransient()) {
            return typed;
        }
        Long retryAt = retryAfter == null ? null : clock.millis() + retryAfter.toMillis();
        return new RetryableException(status, message, request == null ? null : request.httpMethod(), typed, retryAt,
                request);
    }

    private String redact(Request request, String text) {
        if (request == null || text == null) {
            return text;
        }
        String bot = CallDescription.botOf(request.url());
        if (bot == null || bot.isBlank()) {
            return text;
        }
        Secret token = tokens.apply(BotId.of(bot));
        if (token == null || token.isEmpty()) {
            return text;
        }
        return text.replace(token.reveal(), "****");
    }



    private static String standardPhrase(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 406 -> "Not Acceptable";
            case 409 -> "Conflict";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "";
        };
    }
}
