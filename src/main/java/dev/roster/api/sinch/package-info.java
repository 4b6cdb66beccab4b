/**
 * The Sinch WhatsApp v1 group API as a {@link dev.roster.api.GroupApi}: {@link
 * dev.roster.api.sinch.SinchGroupApi#create(SinchOptions)} is the only entry point.
 *
 * <p>Inside, on Feign with OkHttp and the shared parts of {@link dev.roster.api.http}: {@code SinchV1Client} (the
 * ten endpoints), {@code CallDescription} (the bot, and so its token, found in the path), {@code ColonKeepingClient}
 * (group ids keep their ':' on the wire) and {@code SinchErrorDecoder} (every non-2xx status classified once,
 * tolerant of the API's several error body shapes). The cli builds {@link dev.roster.api.sinch.SinchOptions} from
 * {@code RosterSettings.Api}: {@code new SinchOptions(api.baseUrl(), api::tokenFor, api.connectTimeout(),
 * api.readTimeout(), api.retry(), api.callTimeout())}.
 */
package dev.roster.api.sinch;
