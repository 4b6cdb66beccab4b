package dev.roster.api.http;

import feign.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.Map;

/** What both error decoders read from a failed answer: a bounded body and a header. */
public final class ErrorAnswers {
    /** The most of an error body that is read (the rest is never needed to classify an error). */
    public static final int MAX_BODY = 64 * 1024;

    private ErrorAnswers() {
    }

    /** At most {@link #MAX_BODY} bytes of the answer's body; empty when there is none or it cannot be read. */
    public static byte[] body(Response response) {
        if (response.body() == null) {
            return new byte[0];
        }
        try (InputStream in = response.body().asInputStream()) {
            return in.readNBytes(MAX_BODY);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    /** The first value of header {@code name} (any case), or null. */
    public static String header(Response response, String name) {
        for (Map.Entry<String, Collection<String>> e : response.headers().entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().iterator().next();
            }
        }
        return null;
    }
}
