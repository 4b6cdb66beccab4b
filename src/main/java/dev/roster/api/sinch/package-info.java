/**
 * The Sinch WhatsApp v1 group API as a {@link dev.roster.api.GroupApi}: {@link
 * dev.roster.api.sinch.SinchGroupApi#create(SinchOptions)} is the only entry point.
 *
 * <p>Inside, on Feign with OkHttp: {@code SinchV1Client} (the ten endpoints), {@code
 * BearerTokenInterceptor} (token per bot, found in the path), {@code ColonKeepingClient} (group ids keep
 * their ':' on the wire), {@code SinchErrorDecoder} (every non-2xx status classified once, tolerant of
 * the API's several error body shapes), {@code SinchRetryer} (safe calls only, Retry-After honoured in
 * full, fresh state per call), {@code SinchDecoder} (malformed answers) and {@code SinchRequestLogger}
 * (DEBUG lines without headers). The cli builds {@link dev.roster.api.sinch.SinchOptions} from
 * {@code RosterSettings.Api}: {@code new SinchOptions(api.baseUrl(), api::tokenFor, api.connectTimeout(),
 * api.readTimeout(), api.retry(), api.callTimeout())}. {@code RunDeadlineClient} gives each attempt OkHttp's call
 * timeout, cut short to what is left of the run's {@link dev.roster.api.RunDeadline}.
 */
package dev.roster.api.sinch;
