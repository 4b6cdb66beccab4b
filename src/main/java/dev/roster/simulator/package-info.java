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
 * 404 {@code {"message":"404","reason":"Group not found"}}, 503 for injected faults.
 *
 * <p>Test-only, without token, faults, latency or counting:
 * <pre>
 * POST /_sim/{bot}/groups/{group}/join   {"numbers":[...]}   numbers join as members (as via the invite link)
 * PUT  /_sim/{bot}                                           adds a bot
 * GET  /_sim/stats                                           {@link dev.roster.simulator.Stats} as JSON
 * POST /_sim/stats/reset
 * </pre>
 */
package dev.roster.simulator;
