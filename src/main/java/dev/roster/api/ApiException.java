package dev.roster.api;

/**
 * A failed call to the group API, classified once at the edge. {@code status} is the HTTP status, or 0
 * when no answer arrived (connection refused, timeout). {@code reason} is the API's own explanation, as
 * readable text. Messages never contain credentials.
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final String reason;

    public ApiException(int status, String reason, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.reason = reason;
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    /** True when the same call may succeed later without any change on our side. */
    public boolean isTransient() {
        return false;
    }

    /** 400: the API rejected the request (validation error). */
    public static class BadRequest extends ApiException {
        public BadRequest(String reason, String message) {
            super(400, reason, message, null);
        }
    }

    /** 401: bad token, wrong region, or a bot this token does not own. Never retried. */
    public static class Unauthorized extends ApiException {
        public Unauthorized(String reason, String message) {
            super(401, reason, message, null);
        }
    }

    /** 403: the token may not do this. */
    public static class Forbidden extends ApiException {
        public Forbidden(String reason, String message) {
            super(403, reason, message, null);
        }
    }

    /** 404: no such group (or bot). */
    public static class NotFound extends ApiException {
        public NotFound(String reason, String message) {
            super(404, reason, message, null);
        }
    }

    /** 406: the API does not accept the request's form. */
    public static class NotAcceptable extends ApiException {
        public NotAcceptable(String reason, String message) {
            super(406, reason, message, null);
        }
    }

    /** 409: the request conflicts with the group's current state. */
    public static class Conflict extends ApiException {
        public Conflict(String reason, String message) {
            super(409, reason, message, null);
        }
    }

    /** 429: too many requests. {@code retryAfterMillis} is -1 when the API gave no Retry-After. */
    public static class RateLimited extends ApiException {
        private final long retryAfterMillis;

        public RateLimited(String reason, String message, long retryAfterMillis) {
            super(429, reason, message, null);
            this.retryAfterMillis = retryAfterMillis;
        }

        public long retryAfterMillis() {
            return retryAfterMillis;
        }

        @Override
        public boolean isTransient() {
            return true;
        }
    }

    /** 5xx: the API failed. 502, 503 and 504 are transient. */
    public static class ServerError extends ApiException {
        public ServerError(int status, String reason, String message) {
            super(status, reason, message, null);
        }

        @Override
        public boolean isTransient() {
            return status() == 502 || status() == 503 || status() == 504;
        }
    }

    /** No answer: connection refused or reset, or a timeout. Transient. */
    public static class Unreachable extends ApiException {
        public Unreachable(String message, Throwable cause) {
            super(0, null, message, cause);
        }

        @Override
        public boolean isTransient() {
            return true;
        }
    }

    /**
     * The run's deadline ({@link RunDeadline}) passed. {@code made()} is false when the call was not started
     * (nothing was sent), true when it was cut in flight (a write's outcome is then unknown, as after a lost
     * answer). Not transient: nothing is retried within the run; the next run starts with a new deadline.
     */
    public static class RunDeadlineExceeded extends ApiException {
        private final boolean made;

        public RunDeadlineExceeded(String message, boolean made) {
            this(message, made, null);
        }

        public RunDeadlineExceeded(String message, boolean made, Throwable cause) {
            super(0, null, message, cause);
            this.made = made;
        }

        public boolean made() {
            return made;
        }
    }

    /** An answer that could not be read (malformed or empty JSON where data was expected). */
    public static class MalformedResponse extends ApiException {
        public MalformedResponse(int status, String message, Throwable cause) {
            super(status, null, message, cause);
        }
    }

    /** Any other status. */
    public static class Unexpected extends ApiException {
        public Unexpected(int status, String reason, String message) {
            super(status, reason, message, null);
        }
    }

    /** The provider has no call for this; nothing was sent. */
    public static class Unsupported extends ApiException {
        public Unsupported(String message) {
            super(0, "unsupported", message, null);
        }
    }
}
