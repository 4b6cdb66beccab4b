package dev.roster.daemon;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches a request to a route by its path and method. Read-only routes answer {@code GET} and {@code HEAD} on an
 * exact path (a query route also sees the request's query and headers, with an empty body); {@code POST} routes
 * match a pattern whose {@code {name}} segments each take one path segment, and get
 * the body (at most their own limit: 413 beyond). A path no route has gets 404 naming the read-only paths; a known
 * path with another method gets 405; a route that throws gets 500 with no detail (the detail goes to the log).
 */
final class Router extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(Router.class);
    /** How long a POST body may take to arrive once its headers are in. */
    private static final long BODY_TIMEOUT_SECONDS = 10;

    /** One POST request (or a query route's GET, with an empty body) as a route sees it. */
    record Call(Map<String, String> params, HttpFields headers, Fields query, byte[] body) {
        String param(String name) {
            return params.get(name);
        }

        /** The header's value, or null. */
        String header(String name) {
            return headers.get(name);
        }

        /** The query parameter's first value, or null. */
        String query(String name) {
            return query.getValue(name);
        }
    }

    /** A POST route. */
    interface PostRoute {
        Reply handle(Call call);
    }

    private record Post(String[] pattern, int maxBody, PostRoute route) {
        Map<String, String> match(String[] path) {
            if (path.length != pattern.length) {
                return null;
            }
            Map<String, String> params = new LinkedHashMap<>();
            for (int i = 0; i < path.length; i++) {
                String p = pattern[i];
                if (p.startsWith("{") && p.endsWith("}")) {
                    if (path[i].isEmpty()) {
                        return null;
                    }
                    params.put(p.substring(1, p.length() - 1), path[i]);
                } else if (!p.equals(path[i])) {
                    return null;
                }
            }
            return params;
        }
    }

    private final Map<String, Supplier<Reply>> gets = new LinkedHashMap<>();
    private final Map<String, PostRoute> queries = new LinkedHashMap<>();
    private final List<Post> posts = new ArrayList<>();
    private Handler front;

    /** A handler asked first: the paths it answers (its {@code handle} returns true) never reach the routes. */
    Router front(Handler handler) {
        this.front = handler;
        return this;
    }

    /** A read-only route on an exact path. */
    Router route(String path, Supplier<Reply> route) {
        gets.put(path, route);
        return this;
    }

    /** A read-only route on an exact path that reads the query; the same path may also have a POST route. */
    Router query(String path, PostRoute route) {
        queries.put(path, route);
        return this;
    }

    /** A POST route on a pattern such as {@code /api/v1/bots/{bot}/sync}, taking a body of at most maxBody bytes. */
    Router post(String pattern, int maxBody, PostRoute route) {
        posts.add(new Post(pattern.split("/", -1), maxBody, route));
        return this;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (front != null && front.handle(request, response, callback)) {
            return true;
        }
        String path = request.getHttpURI().getPath();
        String method = request.getMethod();
        Reply reply;
        try {
            reply = dispatch(request, response, path == null ? "" : path, method);
        } catch (RuntimeException e) {
            LOG.warn("{} {} failed: {}", method, path, e.toString());
            reply = Reply.text(500, "internal error\n");
        }
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        response.setStatus(reply.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        if (HttpMethod.HEAD.is(method)) {
            response.write(true, null, callback);
        } else {
            response.write(true, ByteBuffer.wrap(body), callback);
        }
        return true;
    }

    private Reply dispatch(Request request, Response response, String path, String method) {
        Supplier<Reply> get = gets.get(path);
        if (get != null) {
            if (HttpMethod.GET.is(method) || HttpMethod.HEAD.is(method)) {
                return get.get();
            }
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            return Reply.text(405, "method not allowed\n");
        }
        PostRoute query = queries.get(path);
        if (query != null && (HttpMethod.GET.is(method) || HttpMethod.HEAD.is(method))) {
            return query.handle(new Call(Map.of(), request.getHeaders(), Request.extractQueryParameters(request),
                    new byte[0]));
        }
        String[] segments = path.split("/", -1);
        for (Post post : posts) {
            Map<String, String> params = post.match(segments);
            if (params == null) {
                continue;
            }
            if (!HttpMethod.POST.is(method)) {
                response.getHeaders().put(HttpHeader.ALLOW, query != null ? "GET, HEAD, POST" : "POST");
                return Reply.text(405, "method not allowed\n");
            }
            long declared = request.getLength();
            if (declared > post.maxBody()) {
                return Reply.text(413, "request body too large (at most " + post.maxBody() + " bytes)\n");
            }
            byte[] body;
            try {
                body = Content.Source.asByteArrayAsync(request, post.maxBody())
                        .get(BODY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                return Reply.text(413, "request body too large (at most " + post.maxBody() + " bytes)"
                        + " or not readable\n");
            } catch (TimeoutException e) {
                return Reply.text(408, "request body not received in time\n");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Reply.text(503, "stopping\n");
            }
            return post.route().handle(new Call(params, request.getHeaders(), Request.extractQueryParameters(request),
                    body));
        }
        if (query != null) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            return Reply.text(405, "method not allowed\n");
        }
        return Reply.text(404, "not found; try " + String.join(" ", gets.keySet()) + "\n");
    }
}
