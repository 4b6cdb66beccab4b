package dev.roster.simulator;

/** What one window of the simulator's rate limit ({@link SimulatorConfig#rateLimit()}) counts. */
public enum RateLimitScope {
    /** One window for the whole server: every API request of every bot. */
    ALL,
    /**
     * One window per bot: the bot in the path ({@code /whatsapp/v1/{bot}/...}, {@code /vNN.N/{bot}/groups|messages}),
     * or for a Cloud API group path ({@code /vNN.N/{group}/...}) the bot that owns the group. Requests naming no
     * known bot share one window of their own.
     */
    BOT
}
