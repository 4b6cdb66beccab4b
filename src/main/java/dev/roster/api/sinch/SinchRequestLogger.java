package dev.roster.api.sinch;

import feign.Logger;
import feign.Request;
import feign.Response;
import java.io.IOException;
import org.slf4j.LoggerFactory;

/**
 * Logs each exchange at DEBUG as method, path, bot, status and elapsed time. Headers and bodies are
 * never logged, so neither is the token.
 */
final class SinchRequestLogger extends Logger {
    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(SinchGroupApi.class);

    @Override
    protected void logRequest(String configKey, Level logLevel, Request request) {
        // logged once the answer (or its absence) is known
    }

    @Override
    protected Response logAndRebufferResponse(String configKey, Level logLevel, Response response, long elapsedTime) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("{}: {} in {} ms", CallDescription.of(response.request()), response.status(), elapsedTime);
        }
        return response;
    }

    @Override
    protected IOException logIOException(String configKey, Level logLevel, IOException ioe, long elapsedTime) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("{}: no answer after {} ms ({})", configKey, elapsedTime, ioe.getClass().getSimpleName());
        }
        return ioe;
    }

    @Override
    protected void logRetry(String configKey, Level logLevel) {
        LOG.debug("{}: retrying", configKey);
    }

    @Override
    protected void log(String configKey, String format, Object... args) {
        // every message goes through the overrides above; Feign's own formats may show headers
    }
}
