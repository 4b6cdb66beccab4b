package dev.roster.api.sinch;

import feign.Client;
import feign.Request;
import feign.Response;
import java.io.IOException;

/**
 * Sends ':' in the request path as is. Feign encodes it as {@code %3A} in path parameters, but group
 * ids ({@code group:4475-1}) contain it and RFC 3986 allows it in a path segment, so the literal form
 * reaches the server intact whether or not the server decodes the path. Any other escape is left alone
 * (a '%' in a value is already {@code %25}, so no {@code %3A} can be mistaken for it).
 */
final class ColonKeepingClient implements Client {
    private final Client delegate;

    ColonKeepingClient(Client delegate) {
        this.delegate = delegate;
    }

    @Override
    public Response execute(Request request, Request.Options options) throws IOException {
        String url = request.url();
        String rewritten = keepColons(url);
        if (rewritten.equals(url)) {
            return delegate.execute(request, options);
        }
        Request copy = Request.create(request.httpMethod(), rewritten, request.headers(), request.body(),
                request.charset(), request.requestTemplate());
        return delegate.execute(copy, options);
    }

    /** Un-escapes {@code %3A} in the path only (after the authority, before any query). */
    static String keepColons(String url) {
        int scheme = url.indexOf("://");
        int pathStart = scheme < 0 ? 0 : url.indexOf('/', scheme + 3);
        if (pathStart < 0) {
            return url;
        }
        int query = url.indexOf('?', pathStart);
        int pathEnd = query < 0 ? url.length() : query;
        String path = url.substring(pathStart, pathEnd).replace("%3A", ":").replace("%3a", ":");
        return url.substring(0, pathStart) + path + url.substring(pathEnd);
    }
}
