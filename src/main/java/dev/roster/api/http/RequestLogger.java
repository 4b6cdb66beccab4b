package dev.roster.api.http;

import feign.Logger;
import feign.Request;
import feign.Response;
import java.io.IOException;
import java.util.function.Function;

/**
 * Logs each exchange at DEBUG as method, path, bot, status and elapsed time. Headers and bodies are
 * never logged, so neither is the token.
 */
public final class RequestLogger extends Logger {
    private final org.slf4j.Logger log;
    private final Function<Request, String> describe;

    /** @param describe names a request (never with headers or body) */
    public RequestLogger(org.slf4j.Logger log, Function<Request, String> describe) {
        this.log = log;
        this.describe = describe;
    }

    @Override
    protected void logRequest(String configKey, Level logLevel, Request request) {
        // logged once the answer (or its absence) is known
    }

    @Override
    protected Response logAndRebufferResponse(String configKey, Level logLevel, Response response, long elapsedTime) {
        if (log.isDebugEnabled()) {
            log.debug("{}: {} in {} ms", describe.apply(response.request()), response.status(), elapsedTime);
        }
        return response;
    }

    @Override
    protected IOException logIOException(String configKey, Level logLevel, IOException ioe, long elapsedTime) {
        if (log.isDebugEnabled()) {
            log.debug("{}: no answer after {} ms ({})", configKey, elapsedTime, ioe.getClass().getSimpleName());
        }
        return ioe;
    }

    @Override
    protected void logRetry(String configKey, Level logLevel) {
        log.debug("{}: retrying", configKey);
    }

    @Override
    protected void log(String configKey, String format, Object... args) {
        // every message goes through the overrides above; Feign's own formats may show headers
    }
}
