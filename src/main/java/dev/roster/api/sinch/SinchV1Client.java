package dev.roster.api.sinch;

import dev.roster.api.sinch.SinchDto.CreatedGroup;
import dev.roster.api.sinch.SinchDto.GroupInfo;
import dev.roster.api.sinch.SinchDto.GroupList;
import dev.roster.api.sinch.SinchDto.InviteLink;
import dev.roster.api.sinch.SinchDto.NumbersBody;
import dev.roster.api.sinch.SinchDto.SubjectBody;
import dev.roster.api.http.Idempotent;
import feign.Headers;
import feign.Param;
import feign.RequestLine;

/**
 * The ten group endpoints of the Sinch WhatsApp v1 API, one method each. The bearer token is added by
 * {@link dev.roster.api.http.BearerTokenInterceptor}, with the token of the bot in the path. Feign
 * percent-encodes path parameters ('/' too, as {@code decodeSlash = false}); {@link ColonKeepingClient} then
 * puts ':' back. Only methods marked {@link Idempotent} are retried.
 */
@Headers("Accept: application/json")
interface SinchV1Client {

    @RequestLine(value = "POST /whatsapp/v1/{bot}/groups", decodeSlash = false)
    @Headers("Content-Type: application/json")
    CreatedGroup createGroup(@Param("bot") String bot, SubjectBody body);

    @Idempotent
    @RequestLine(value = "GET /whatsapp/v1/{bot}/groups", decodeSlash = false)
    GroupList listGroups(@Param("bot") String bot);

    @Idempotent
    @RequestLine(value = "GET /whatsapp/v1/{bot}/groups/{group}", decodeSlash = false)
    GroupInfo getGroup(@Param("bot") String bot, @Param("group") String group);

    @Idempotent
    @RequestLine(value = "PATCH /whatsapp/v1/{bot}/groups/{group}", decodeSlash = false)
    @Headers("Content-Type: application/json")
    void setSubject(@Param("bot") String bot, @Param("group") String group, SubjectBody body);

    @Idempotent
    @RequestLine(value = "DELETE /whatsapp/v1/{bot}/groups/{group}", decodeSlash = false)
    void leaveGroup(@Param("bot") String bot, @Param("group") String group);

    @Idempotent
    @RequestLine(value = "DELETE /whatsapp/v1/{bot}/groups/{group}/member", decodeSlash = false)
    @Headers("Content-Type: application/json")
    void removeMembers(@Param("bot") String bot, @Param("group") String group, NumbersBody body);

    @Idempotent
    @RequestLine(value = "POST /whatsapp/v1/{bot}/groups/{group}/admin", decodeSlash = false)
    @Headers("Content-Type: application/json")
    void addAdmins(@Param("bot") String bot, @Param("group") String group, NumbersBody body);

    @Idempotent
    @RequestLine(value = "DELETE /whatsapp/v1/{bot}/groups/{group}/admin", decodeSlash = false)
    @Headers("Content-Type: application/json")
    void removeAdmins(@Param("bot") String bot, @Param("group") String group, NumbersBody body);

    @Idempotent
    @RequestLine(value = "GET /whatsapp/v1/{bot}/groups/{group}/invite", decodeSlash = false)
    InviteLink getInviteLink(@Param("bot") String bot, @Param("group") String group);

    @Idempotent
    @RequestLine(value = "DELETE /whatsapp/v1/{bot}/groups/{group}/invite", decodeSlash = false)
    void revokeInviteLink(@Param("bot") String bot, @Param("group") String group);
}
