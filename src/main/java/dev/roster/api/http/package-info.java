/**
 * What the provider adapters share on Feign with OkHttp: {@link dev.roster.api.http.Transport} (no retries or
 * redirects of OkHttp's own), {@link dev.roster.api.http.RunDeadlineClient} (each attempt cut at the run's
 * deadline), {@link dev.roster.api.http.RateLimitInterceptor}, {@link dev.roster.api.http.BearerTokenInterceptor}
 * (the only code revealing a token), {@link dev.roster.api.http.SafeCallRetryer} (retries calls marked
 * {@link dev.roster.api.http.Idempotent} only, Retry-After honoured via {@link dev.roster.api.http.RetryAfter}),
 * {@link dev.roster.api.http.JsonDecoder} (malformed answers), {@link dev.roster.api.http.RequestLogger} (DEBUG
 * lines without headers) and {@link dev.roster.api.http.CallGuard} (only {@link dev.roster.api.ApiException}
 * leaves a call). Each adapter keeps what is its provider's own: paths, error bodies, message wording.
 */
package dev.roster.api.http;
