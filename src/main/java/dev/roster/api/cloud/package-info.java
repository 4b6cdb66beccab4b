/**
 * Meta's WhatsApp Cloud API (Graph API group endpoints) as a {@link dev.roster.api.GroupApi}:
 * {@link dev.roster.api.cloud.CloudGroupApi#create(CloudOptions, dev.roster.api.RateLimiter)} is the entry point,
 * {@link dev.roster.api.cloud.CloudOptions} what it needs, {@link dev.roster.api.cloud.CloudExceptions} the failures
 * only this provider has (a suspended group, a number not eligible, a partial removal).
 *
 * <p>Inside, on Feign with OkHttp and the shared parts of {@link dev.roster.api.http}: {@code CloudClient} (the
 * endpoints, one Feign client per bot, whose token it sends), {@code CloudDto} (request bodies),
 * {@code CloudAnswers} (answers read leniently, as the reference and Meta's OpenAPI file differ),
 * {@code CloudErrorDecoder} with {@code GraphError} (the Graph error envelope classified once, code before status,
 * {@code fbtrace_id} kept). Meta's reference:
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/groups/reference
 */
package dev.roster.api.cloud;
