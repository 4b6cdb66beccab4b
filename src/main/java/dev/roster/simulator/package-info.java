/**
 * A local HTTP server that honours the Sinch WhatsApp v1 group API, for tests, {@code --sandbox} runs and
 * benchmarks. Depends on {@code model} only.
 *
 * <p>API (token: {@code Authorization: Bearer <token>}; numbers in answers are digits without '+'):
 * <pre>
 * POST   /whatsapp/v1/{bot}/groups                   {"subject"}   → {"group_id"}
 * GET    /whatsapp/v1/{bot}/groups                                 → {"groups":[ids]}
 * GET    /whatsapp/v1/{bot}/groups/{group}                         → {"admins","creator","members","subject","creation_time"}
 * PATCH  /whatsapp/v1/{bot}/groups/{group}           {"subject"}
 * DELETE /whatsapp/v1/{bot}/groups/{group}                         (leave)
 * DELETE /whatsapp/v1/{bot}/groups/{group}/member    {"numbers"}   (1 to 20)
 * POST   /whatsapp/v1/{bot}/groups/{group}/admin     {"numbers"}   (1 to 20, participants only)
 * DELETE /whatsapp/v1/{bot}/groups/{group}/admin     {"numbers"}   (1 to 20)
 * GET    /whatsapp/v1/{bot}/groups/{group}/invite                  → {"invite_link"}
 * DELETE /whatsapp/v1/{bot}/groups/{group}/invite
 * </pre>
 * Errors: 400 {@code {"message":"Validation error","reason":...}}, 401 {@code {"message":"401","reason":"Unauthorized bot"}},
 * 404 {@code {"message":"404","reason":"Group not found"}}, 503 for injected faults, 429
 * {@code {"message":"429","reason":"Too many requests"}} with {@code Retry-After} above the rate limit
 * ({@link dev.roster.simulator.RateLimit}, {@code --rate-limit}; in the Cloud dialect code 131208).
 *
 * <p>Test-only, without token, faults, latency, rate limit or counting:
 * <pre>
 * POST /_sim/{bot}/groups/{group}/join   {"numbers":[...]}   numbers join as members (as via the invite link)
 * POST /_sim/{bot}/groups/{group}/leave  {"numbers":[...]}   participants leave by themselves (not the bot)
 * POST /_sim/{bot}/groups/{group}/subject {"subject","from"} a rename in the app by from (default: the
 *                                                            creator), without the API's length limit
 * POST /_sim/{bot}/groups/{group}/end                        the group ends: gone from the bot's list
 * PUT  /_sim/callback {"url":"http://127.0.0.1:..."}         sets the callback URL (loopback only, else
 *                                                            400); {"url":null} stops the callbacks
 * PUT  /_sim/{bot}                                           adds a bot
 * GET  /_sim/stats                                           {@link dev.roster.simulator.Stats} as JSON, with
 *                                                            rate_limited and per_second
 * POST /_sim/stats/reset
 * </pre>
 *
 * <p>Group event callbacks, when a callback URL is set ({@code SimulatorConfig.callbackUrl},
 * {@code --callback-url}, {@code PUT /_sim/callback}): after each change takes effect, one POST of the provider's
 * shape, {@code {"type":"whatsapp","notifications":[{"from","to","in_group","message_id","timestamp",
 * "message":{"type":"group_event","event_type","members","in_group","body"}}]}}, numbers as digits without '+',
 * {@code to} the bot. Sent in the background (the API answer never waits; at most 1000 wait, the oldest dropped
 * first), retried on a non-2xx answer or an I/O error with the same {@code message_id}, 3 attempts in all, the
 * delay doubling from {@code callbackRetryDelayMillis} (200 ms). What sends which {@code event_type} ({@code from}
 * is the bot for API calls):
 * <pre>
 * POST   /groups                    group_created               members: [bot]
 * PATCH  /groups/{group}            group_subject_changed       members: [bot]
 * DELETE /groups/{group}            group_user_left             members: [bot] (the bot left)
 * DELETE /groups/{group}/member     group_user_left             members: those removed (none removed: no event)
 * POST   /groups/{group}/admin      group_user_promoted         members: those who became admins
 * DELETE /groups/{group}/admin      group_user_demoted          members: those who became members
 * DELETE /groups/{group}/invite     group_invite_link_revoked   members: [bot]
 * /_sim/ join, leave                group_user_joined, group_user_left, one per person, from the person
 * /_sim/ subject                    group_subject_changed       from and members: [from]
 * /_sim/ end                        group_ended                 from and members: [creator]
 * </pre>
 *
 * <p>The same server speaks Meta's WhatsApp Cloud API group dialect under any {@code /vNN.N/} prefix
 * ({@code /v23.0/}; see {@code CloudApiHandler} and {@code shared/reference/cloud-api-groups.md}), same bearer token,
 * same bots (a bot is a business phone-number id), same latency and fault injection (a fault before any effect:
 * 429 with code 131208; a lost answer: 503 with {@code is_transient}). Errors come in the Graph envelope
 * {@code {"error":{"message","type","code","fbtrace_id"}}} (bad token: 401, OAuthException, 190).
 * <pre>
 * POST   /v23.0/{bot}/groups                {subject, description?, join_approval_mode?} -> {messaging_product,
 *                                          request_id}; the group appears after CloudSettings.createDelayMillis
 *                                          (--cloud-create-delay, 300 ms) with a group_create webhook
 * GET    /v23.0/{bot}/groups?limit=&after=&before=   limit 1-1024 (25); bad cursor 131059
 * GET    /v23.0/{group}?fields=...          only the id without fields
 * POST   /v23.0/{group}                     {subject?, description?} -> {success:true}; group_settings_update
 * DELETE /v23.0/{group}                     removes everyone; group_lifecycle_update group_delete
 * DELETE /v23.0/{group}/participants        {participants:[{user}]} 1-8; 206/131201 when some are not in the
 *                                          group, 131212 when none is; the removed are barred from joining
 * GET|POST|DELETE /v23.0/{group}/invite_link   the link; POST and DELETE reset it
 * GET|POST|DELETE /v23.0/{group}/join_requests list, approve, reject (unknown ids: failed_join_requests, 131213;
 *                                          beyond CloudSettings.maxParticipants (8): 131204)
 * POST   /v23.0/{bot}/messages              a template message carrying a group_id body parameter (the group invite
 *                                          link template) -> {messaging_product, contacts:[{input, wa_id}],
 *                                          messages:[{id:"wamid..."}]}; the group must be the bot's (131041)
 * Suspended groups answer 131207 (403) to writes; unknown groups 131041.
 * POST /_sim/{bot}/groups/{cloud group}/join          {"numbers":[...]} by link: a join request with
 * POST /_sim/{bot}/groups/{cloud group}/join_request  approval_required, else a join; barred people: 400
 * POST /_sim/{bot}/groups/{cloud group}/leave         {"numbers":[...]}: participants_remove, initiated_by participant
 * POST /_sim/{bot}/groups/{cloud group}/suspend | unsuspend   group_status_update
 * GET  /_sim/{bot}/messages                           {"messages":[{id, to, template, language, group_id, time}]},
 *                                                     oldest first (in memory only)
 * </pre>
 * A group created through the Cloud dialect is a cloud group: its events go to the callback URL (or to
 * {@code Simulator.setCloudWebhookUrl} when set) in Meta's webhook
 * envelope ({@code whatsapp_business_account}), signed {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the
 * raw body>} with {@code CloudSettings.appSecret} ({@code --cloud-app-secret}; unset: no header), sent once,
 * without retries. Cloud groups are kept in the state file beside the v1 groups ({@code cloud_groups} per bot, and
 * the id counter under {@code cloud}; see {@code StateFile}), written when v1 changes are; a group whose create was
 * accepted but that is not visible yet is written as existing. {@link dev.roster.simulator.Simulator#cloudBaseUrl()}
 * is the Cloud API base.
 */
package dev.roster.simulator;
