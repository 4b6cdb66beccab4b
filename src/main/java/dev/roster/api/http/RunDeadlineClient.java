package dev.roster.api.http;

import dev.roster.api.RunDeadline;
import feign.Client;
import feign.Request;
import feign.Response;
import feign.okhttp.OkHttpClient;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;

/**
 * Sends each attempt through OkHttp with its call timeout (an adapter's {@code callTimeout} option), shortened to what
 * is left of the run's {@link RunDeadline} when less is left, so that no attempt outlasts the run. With the
 * deadline already passed nothing is sent. The shortened client shares the connection pool and dispatcher (OkHttp's
 * {@code newBuilder()}); it is only built in the last {@code callTimeout} of a run.
 */
public final class RunDeadlineClient implements Client {
    private final okhttp3.OkHttpClient http;
    private final Client whole;

    public RunDeadlineClient(okhttp3.OkHttpClient http) {
        this.http = http;
        this.whole = new OkHttpClient(http);
    }

    @Override
    public Response execute(Request request, Request.Options options) throws IOException {
        RunDeadline run = RunDeadline.current();
        if (run == null) {
            return whole.execute(request, options);
        }
        Duration left = run.remaining();
        if (left.isZero()) {
            throw new InterruptedIOException("the run's deadline had passed; not sent");
        }
        if (left.toMillis() >= http.callTimeoutMillis()) {
            return whole.execute(request, options);
        }
        return new OkHttpClient(http.newBuilder().callTimeout(left.plusMillis(1)).build()).execute(request, options);
    }
}
