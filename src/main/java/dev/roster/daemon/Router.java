package dev.roster.daemon;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches a request by its exact path to one read-only route ({@code GET} and {@code HEAD}; other
 * methods get 405). An unknown path gets 404 naming the known ones; a route that throws gets 500 with
 * no detail (the detail goes to the log). Routes may block briefly (the readiness check does).
 */
final class Router extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    private final Map<String, Supplier<Reply>> routes = new LinkedHashMap<>();

    Router route(String path, Supplier<Reply> route) {
        routes.put(path, route);
        return this;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getPath();
        Supplier<Reply> route = routes.get(path);
        Reply reply;
        if (route == null) {
            reply = Reply.text(404, "not found; try " + String.join(" ", routes.keySet()) + "\n");
        } else if (!HttpMethod.GET.is(request.getMethod()) && !HttpMethod.HEAD.is(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            reply = Reply.text(405, "method not allowed\n");
        } else {
            try {
                reply = route.get();
            } catch (RuntimeException e) {
                LOG.warn("{} failed: {}", path, e.toString());
                reply = Reply.text(500, "internal error\n");
            }
        }
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        response.setStatus(reply.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        if (HttpMethod.HEAD.is(request.getMethod())) {
            response.write(true, null, callback);
        } else {
            response.write(true, ByteBuffer.wrap(body), callback);
        }
        return true;
    }
}
