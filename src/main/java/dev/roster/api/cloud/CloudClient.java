package dev.roster.api.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import dev.roster.api.cloud.CloudDto.JoinRequestsBody;
import dev.roster.api.cloud.CloudDto.NewGroupBody;
import dev.roster.api.cloud.CloudDto.ParticipantsBody;
import dev.roster.api.cloud.CloudDto.ProductBody;
import dev.roster.api.cloud.CloudDto.TemplateMessage;
import dev.roster.api.cloud.CloudDto.UpdateBody;
import dev.roster.api.http.Idempotent;
import feign.Headers;
import feign.Param;
import feign.RequestLine;

/**
 * The Cloud API group endpoints below the Graph base ({@code .../v23.0}), one method each; answers as JSON trees.
 * One client serves one bot (its token is added by {@link dev.roster.api.http.BearerTokenInterceptor}). A query
 * parameter whose value is null is left out. Only methods marked {@link Idempotent} are retried: create and the
 * message are not.
 */
@Headers("Accept: application/json")
interface CloudClient {
    /** The fields of a group roster reads. */
    String GROUP_FIELDS = "subject,description,participants,join_approval_mode,suspended";

    @RequestLine(value = "POST /{bot}/groups", decodeSlash = false)
    @Headers("Content-Type: application/json")
    JsonNode createGroup(@Param("bot") String bot, NewGroupBody body);

    @Idempotent
    @RequestLine(value = "GET /{bot}/groups?limit={limit}&after={after}", decodeSlash = false)
    JsonNode listGroups(@Param("bot") String bot, @Param("limit") int limit, @Param("after") String after);

    @Idempotent
    @RequestLine(value = "GET /{group}?fields={fields}", decodeSlash = false)
    JsonNode getGroup(@Param("group") String group, @Param("fields") String fields);

    @Idempotent
    @RequestLine(value = "GET /{group}/join_requests?after={after}", decodeSlash = false)
    JsonNode joinRequests(@Param("group") String group, @Param("after") String after);

    @Idempotent
    @RequestLine(value = "POST /{group}", decodeSlash = false)
    @Headers("Content-Type: application/json")
    void update(@Param("group") String group, UpdateBody body);

    @Idempotent
    @RequestLine(value = "DELETE /{group}", decodeSlash = false)
    void deleteGroup(@Param("group") String group);

    /** Answers 200, or 206 with the participants that could not be removed. */
    @Idempotent
    @RequestLine(value = "DELETE /{group}/participants", decodeSlash = false)
    @Headers("Content-Type: application/json")
    JsonNode removeParticipants(@Param("group") String group, ParticipantsBody body);

    @Idempotent
    @RequestLine(value = "GET /{group}/invite_link", decodeSlash = false)
    JsonNode inviteLink(@Param("group") String group);

    @Idempotent
    @RequestLine(value = "POST /{group}/invite_link", decodeSlash = false)
    @Headers("Content-Type: application/json")
    JsonNode resetInviteLink(@Param("group") String group, ProductBody body);

    @Idempotent
    @RequestLine(value = "POST /{group}/join_requests", decodeSlash = false)
    @Headers("Content-Type: application/json")
    JsonNode approveJoinRequests(@Param("group") String group, JoinRequestsBody body);

    @Idempotent
    @RequestLine(value = "DELETE /{group}/join_requests", decodeSlash = false)
    @Headers("Content-Type: application/json")
    JsonNode rejectJoinRequests(@Param("group") String group, JoinRequestsBody body);

    @RequestLine(value = "POST /{bot}/messages", decodeSlash = false)
    @Headers("Content-Type: application/json")
    JsonNode sendMessage(@Param("bot") String bot, TemplateMessage body);
}
